package io.attain.targets.service;

import io.attain.events.Money;
import io.attain.support.problem.ProblemException;
import io.attain.targets.api.DecompositionDtos.Commitment;
import io.attain.targets.api.DecompositionDtos.Comparison;
import io.attain.targets.api.DecompositionDtos.LevelSpec;
import io.attain.targets.api.DecompositionDtos.PinSpec;
import io.attain.targets.api.DecompositionDtos.PreviewRequest;
import io.attain.targets.api.DecompositionDtos.SharesSpec;
import io.attain.targets.api.FunnelDtos.ReverseFunnelRequest;
import io.attain.targets.domain.decomposition.ConversionRates;
import io.attain.targets.domain.decomposition.Decomposition;
import io.attain.targets.domain.decomposition.DecompositionException;
import io.attain.targets.domain.decomposition.DecompositionException.Reason;
import io.attain.targets.domain.decomposition.DecompositionPlan;
import io.attain.targets.domain.decomposition.FunnelAssumptions;
import io.attain.targets.domain.decomposition.FunnelRequirement;
import io.attain.targets.domain.decomposition.FunnelStage;
import io.attain.targets.domain.decomposition.GapReport;
import io.attain.targets.domain.decomposition.Level;
import io.attain.targets.domain.decomposition.ReverseFunnel;
import io.attain.targets.domain.decomposition.Shares;
import io.attain.targets.domain.decomposition.ValueUnit;
import io.attain.targets.domain.decomposition.ZeroHistoryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.attain.targets.service.DecompositionProblems.at;

/**
 * Previews a decomposition (and its gap against bottom-up commitments) and computes the reverse funnel:
 * stateless, nothing is stored. Turns the request into engine objects step by step, so that a refusal names
 * the part of the request it comes from.
 */
@ApplicationScoped
public class DecompositionService {

    /** Bounds on the numbers a share or a rate may be written with, so no request makes the arithmetic explode. */
    private static final int MAX_SHARE_DECIMALS = 10;
    private static final int MAX_SHARE_INTEGER_DIGITS = 18;
    private static final int MAX_RATE_DECIMALS = 6;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");

    /** A previewed decomposition and, when commitments were given, its gap report. */
    public record Preview(Decomposition decomposition, Optional<GapReport> gap, Optional<String> commitmentLevel) {
    }

    /** A reverse funnel result with the assumptions it was computed from. */
    public record FunnelResult(Money target, FunnelAssumptions assumptions, FunnelRequirement requirement) {
    }

    @ConfigProperty(name = "attain.targets.preview.max-nodes", defaultValue = "100000")
    long maxNodes;

    public Preview preview(PreviewRequest request) {
        boolean money = request.value() != null;
        if (money == (request.quantity() != null)) {
            throw ProblemException.invalidField("value",
                    "give either value (money) or quantity (a whole count), " + (money ? "not both" : "one of them"));
        }
        ValueUnit unit = money ? ValueUnit.money(request.value().currency()) : ValueUnit.count();
        BigDecimal root = money ? request.value().amount() : BigDecimal.valueOf(request.quantity());
        checkRoot(root, unit, money ? "value.amount" : "quantity");

        DecompositionPlan.Builder builder = DecompositionPlan.builder();
        List<LevelSpec> levels = request.levels();
        for (int i = 0; i < levels.size(); i++) {
            builder.level(level(levels.get(i), "levels[" + i + "]"));
        }
        List<PinSpec> pins = request.pins() == null ? List.of() : request.pins();
        for (int j = 0; j < pins.size(); j++) {
            pin(builder, pins.get(j), money, unit, "pins[" + j + "]");
        }
        DecompositionPlan plan;
        try {
            plan = builder.build();
        } catch (DecompositionException e) {
            throw DecompositionProblems.problem(e, e.reason() == Reason.UNKNOWN_KEY ? "pins" : "levels");
        }
        long nodes = countNodes(plan, maxNodes);
        if (nodes > maxNodes) {
            throw DecompositionProblems.tooLarge("the decomposition would have more than " + maxNodes
                    + " nodes; a preview returns at most " + maxNodes + ": use fewer levels or fewer keys per level");
        }
        Decomposition decomposition = at("pins", () -> plan.decompose(root, unit));
        if (request.compare() == null) {
            return new Preview(decomposition, Optional.empty(), Optional.empty());
        }
        return new Preview(decomposition, Optional.of(compare(decomposition, request.compare(), money)),
                Optional.of(request.compare().level()));
    }

    public FunnelResult reverseFunnel(ReverseFunnelRequest request) {
        Money target = request.target();
        Money dealSize = request.averageDealSize();
        checkAmount(target, "target.amount");
        checkAmount(dealSize, "averageDealSize.amount");
        if (!target.currency().equals(dealSize.currency())) {
            throw DecompositionProblems.problem(new DecompositionException(Reason.UNIT_MISMATCH, "the target is in "
                    + target.currency() + " but the average deal size is in " + dealSize.currency()), "averageDealSize.currency");
        }
        Map<FunnelStage, BigDecimal> rates = request.conversionRates();
        rates.forEach((stage, rate) -> {
            if (rate.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
                throw ProblemException.invalidField("conversionRates." + stage,
                        "has more than " + MAX_RATE_DECIMALS + " decimals: " + rate.toPlainString());
            }
        });
        ConversionRates conversionRates = at("conversionRates", () -> ConversionRates.of(rates));
        FunnelAssumptions assumptions = at("averageDealSize.amount", () -> new FunnelAssumptions(dealSize, conversionRates));
        try {
            FunnelRequirement requirement = at("target.amount", () -> ReverseFunnel.requirement(target, assumptions));
            return new FunnelResult(target, assumptions, requirement);
        } catch (ArithmeticException e) {
            throw DecompositionProblems.problem(new DecompositionException(Reason.VALUE_TOO_LARGE,
                    "the funnel needs more deals at some stage than can be counted: check the rates and the deal size"),
                    "conversionRates");
        }
    }

    private static void checkRoot(BigDecimal root, ValueUnit unit, String field) {
        if (root.signum() <= 0) {
            throw DecompositionProblems.problem(new DecompositionException(Reason.NON_POSITIVE_PARENT,
                    "the value to decompose must be positive but is " + root.toPlainString() + " " + unit), field);
        }
        at(field, () -> unit.toMinorUnits(root));
    }

    private static void checkAmount(Money money, String field) {
        if (money.amount().stripTrailingZeros().scale() > Money.minorUnits(money.currency())) {
            throw DecompositionProblems.problem(new DecompositionException(Reason.TOO_MANY_DECIMALS,
                    money.amount().toPlainString() + " has more decimals than " + money.currency() + " allows ("
                            + Money.minorUnits(money.currency()) + ")"), field);
        }
        if (money.amount().abs().compareTo(MAX_AMOUNT) >= 0) {
            throw DecompositionProblems.problem(new DecompositionException(Reason.VALUE_TOO_LARGE,
                    money.amount().toPlainString() + " " + money.currency() + " is implausibly large"), field);
        }
    }

    private static Level level(LevelSpec spec, String field) {
        boolean keyed = spec.keyedBy() != null || spec.sharesByParentKey() != null;
        if (spec.shares() != null && keyed) {
            throw ProblemException.invalidField(field,
                    "give either shares (the same split everywhere) or keyedBy with sharesByParentKey, not both");
        }
        if (spec.shares() != null) {
            Shares shares = shares(spec.shares(), field + ".shares");
            return at(field, () -> Level.of(spec.name(), spec.dimension(), shares));
        }
        if (spec.keyedBy() == null || spec.sharesByParentKey() == null || spec.sharesByParentKey().isEmpty()) {
            throw ProblemException.invalidField(field,
                    "needs shares, or keyedBy (an earlier level's name) with sharesByParentKey for each of its keys");
        }
        Map<String, Shares> byParentKey = new LinkedHashMap<>();
        spec.sharesByParentKey().forEach((key, shares) ->
                byParentKey.put(key, shares(shares, field + ".sharesByParentKey." + key)));
        return at(field, () -> Level.keyedBy(spec.name(), spec.dimension(), spec.keyedBy(), byParentKey));
    }

    private static Shares shares(SharesSpec spec, String field) {
        if (spec.kind() == Shares.Kind.EQUAL) {
            if (spec.values() != null) {
                throw ProblemException.invalidField(field + ".values", "an EQUAL split lists its children in keys, without values");
            }
            if (spec.keys() == null) {
                throw ProblemException.invalidField(field + ".keys", "an EQUAL split needs the keys of its children");
            }
            return at(field + ".keys", () -> Shares.equal(spec.keys()));
        }
        if (spec.keys() != null) {
            throw ProblemException.invalidField(field + ".keys", "only an EQUAL split lists bare keys; give values instead");
        }
        if (spec.values() == null) {
            throw ProblemException.invalidField(field + ".values", "a " + spec.kind() + " split needs a value per child");
        }
        if (spec.zeroHistory() != null && spec.kind() != Shares.Kind.HISTORY) {
            throw ProblemException.invalidField(field + ".zeroHistory", "applies to HISTORY splits only");
        }
        spec.values().forEach((key, value) -> {
            BigDecimal plain = value.stripTrailingZeros();
            if (plain.scale() > MAX_SHARE_DECIMALS || plain.precision() - plain.scale() > MAX_SHARE_INTEGER_DIGITS) {
                throw ProblemException.invalidField(field + ".values." + key, "must have at most "
                        + MAX_SHARE_INTEGER_DIGITS + " digits before and " + MAX_SHARE_DECIMALS + " after the point");
            }
        });
        String values = field + ".values";
        return switch (spec.kind()) {
            case WEIGHTS -> at(values, () -> Shares.weights(spec.values()));
            case PERCENTAGES -> at(values, () -> Shares.percentages(spec.values()));
            case HISTORY -> at(values, () -> Shares.history(spec.values(),
                    spec.zeroHistory() == null ? ZeroHistoryPolicy.REFUSE : spec.zeroHistory()));
            case EQUAL -> throw new IllegalStateException("handled above");
        };
    }

    private static void pin(DecompositionPlan.Builder builder, PinSpec pin, boolean money, ValueUnit unit, String field) {
        if (money) {
            if (pin.value() == null || pin.quantity() != null) {
                throw ProblemException.invalidField(field + ".value", "the target is money: pin a value, not a quantity");
            }
            at(field + ".value", () -> unit.toMinorUnits(pin.value()));
            at(field + ".path", () -> builder.pin(pin.path(), pin.value()));
        } else {
            if (pin.quantity() == null || pin.value() != null) {
                throw ProblemException.invalidField(field + ".quantity", "the target is a count: pin a quantity, not a value");
            }
            at(field + ".path", () -> builder.pin(pin.path(), pin.quantity()));
        }
    }

    private static GapReport compare(Decomposition decomposition, Comparison comparison, boolean money) {
        at("compare.level", () -> decomposition.plan().depthOf(comparison.level()));
        Map<List<String>, BigDecimal> amounts = new LinkedHashMap<>();
        Map<List<String>, Money> monies = new LinkedHashMap<>();
        List<Commitment> commitments = comparison.commitments();
        for (int i = 0; i < commitments.size(); i++) {
            Commitment commitment = commitments.get(i);
            String field = "compare.commitments[" + i + "]";
            List<String> path = List.copyOf(commitment.path());
            boolean repeated;
            if (money) {
                if (commitment.value() == null || commitment.quantity() != null) {
                    throw ProblemException.invalidField(field + ".value", "the target is money: commit a value, not a quantity");
                }
                repeated = monies.put(path, commitment.value()) != null;
            } else {
                if (commitment.quantity() == null || commitment.value() != null) {
                    throw ProblemException.invalidField(field + ".quantity", "the target is a count: commit a quantity, not a value");
                }
                repeated = amounts.put(path, BigDecimal.valueOf(commitment.quantity())) != null;
            }
            if (repeated) {
                throw DecompositionProblems.problem(new DecompositionException(Reason.DUPLICATE_KEY,
                        "there is already a commitment for " + path), field + ".path");
            }
        }
        return at("compare.commitments", () -> money
                ? GapReport.compareMoney(decomposition, comparison.level(), monies)
                : GapReport.compare(decomposition, comparison.level(), amounts));
    }

    /**
     * The number of nodes the plan produces, root included, counted without building the tree; stops
     * counting as soon as it passes {@code limit}, so an enormous plan costs no more than a small one.
     */
    static long countNodes(DecompositionPlan plan, long limit) {
        Set<String> selecting = new HashSet<>();
        for (Level level : plan.levels()) {
            level.keyedBy().ifPresent(selecting::add);
        }
        // nodes grouped by the keys their ancestors got at the levels that select a later level's shares
        Map<Map<String, String>, Long> groups = Map.of(Map.of(), 1L);
        long total = 1;
        for (Level level : plan.levels()) {
            Map<Map<String, String>, Long> next = new HashMap<>();
            for (Map.Entry<Map<String, String>, Long> group : groups.entrySet()) {
                Shares shares = level.keyedBy().isPresent()
                        ? level.sharesFor(group.getKey().get(level.keyedBy().orElseThrow()))
                        : level.uniformShares().orElseThrow();
                long children = Math.multiplyExact(group.getValue(), (long) shares.size());
                total = Math.addExact(total, children);
                if (total > limit) {
                    return total;
                }
                if (selecting.contains(level.name())) {
                    for (String key : shares.keys()) {
                        Map<String, String> keys = new HashMap<>(group.getKey());
                        keys.put(level.name(), key);
                        next.merge(Map.copyOf(keys), group.getValue(), Long::sum);
                    }
                } else {
                    next.merge(group.getKey(), children, Long::sum);
                }
            }
            groups = next;
        }
        return total;
    }
}
