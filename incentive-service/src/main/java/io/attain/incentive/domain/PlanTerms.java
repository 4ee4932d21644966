package io.attain.incentive.domain;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.AttainmentRateTable;
import io.attain.incentive.domain.commission.AttainmentTier;
import io.attain.incentive.domain.commission.Cap;
import io.attain.incentive.domain.commission.CommissionBasis;
import io.attain.incentive.domain.commission.CommissionException;
import io.attain.incentive.domain.commission.DealCriteria;
import io.attain.incentive.domain.commission.ManagerOverride;
import io.attain.incentive.domain.commission.Multiplier;
import io.attain.incentive.domain.commission.MultiplierKind;
import io.attain.incentive.domain.commission.PlanVersion;
import io.attain.incentive.domain.commission.RateMode;
import io.attain.incentive.domain.commission.Spiff;
import io.attain.incentive.domain.commission.TeamBonus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The terms of one plan version as clients write them (and as they are stored, as JSON): a plain shape that
 * maps one to one onto the engine's {@link PlanVersion}. {@link #toPlanVersion} builds the engine's version
 * and reports every rule the engine refuses together with the field it came from.
 *
 * @param rounding        how each commission line is rounded; {@code null} for HALF_UP (四舍五入)
 * @param basis           {@code null} for BOOKED
 * @param gatePercent     no attainment-based commission below it; {@code null} for no gate
 * @param cap             {@code null} for no cap
 * @param multipliers     applied in this order
 * @param teamBonus       {@code null} for none
 * @param managerOverride {@code null} for none
 */
public record PlanTerms(RoundingMode rounding, CommissionBasis basis, RateTable rateTable, @PlainDecimal BigDecimal gatePercent,
                        CapTerms cap, List<MultiplierTerms> multipliers, List<SpiffTerms> spiffs,
                        TeamBonusTerms teamBonus, ManagerOverrideTerms managerOverride) {

    public PlanTerms {
        multipliers = multipliers == null ? List.of() : List.copyOf(multipliers);
        spiffs = spiffs == null ? List.of() : List.copyOf(spiffs);
    }

    /** Tiers by attainment percent: {@code {"thresholdPercent": "100", "ratePercent": "1.5"}}. */
    public record RateTable(RateMode mode, List<Tier> tiers) {
    }

    public record Tier(@PlainDecimal BigDecimal thresholdPercent, @PlainDecimal BigDecimal ratePercent) {
    }

    /** {@code PAYOUT} with {@code maximum}, or {@code ATTAINMENT} with {@code maximumPercent}. */
    public record CapTerms(CapKind kind, Money maximum, @PlainDecimal BigDecimal maximumPercent) {
    }

    public enum CapKind {
        PAYOUT, ATTAINMENT
    }

    /** {@code value} is the product line or channel; none for NEW_CUSTOMER. */
    public record MultiplierTerms(MultiplierKind kind, String value, @PlainDecimal BigDecimal factor) {
    }

    /** Either {@code fixedPerDeal} or {@code percent}. */
    public record SpiffTerms(String id, String name, LocalDate from, LocalDate to, Criteria criteria, Money fixedPerDeal,
                             @PlainDecimal BigDecimal percent) {
    }

    public record Criteria(String productLine, String channel, Boolean newCustomer) {
    }

    public record TeamBonusTerms(Money fixedPerMember, @PlainDecimal BigDecimal excessPoolPercent) {
    }

    public record ManagerOverrideTerms(@PlainDecimal BigDecimal percent) {
    }

    /** A rule of the terms the engine refuses, with the path of the field it came from, e.g. {@code rateTable.tiers[2]}. */
    public record Violation(String field, String message) {
    }

    /** The terms cannot be applied; {@link #violations()} lists every reason found. */
    public static final class InvalidPlanTermsException extends RuntimeException {
        private final List<Violation> violations;

        public InvalidPlanTermsException(List<Violation> violations) {
            super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid plan"));
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /**
     * The engine's plan version for these terms.
     *
     * @param planId   names the plan on statement lines
     * @param currency the plan's currency: every amount of the terms must be in it
     * @throws InvalidPlanTermsException listing every violation, by field
     */
    public PlanVersion toPlanVersion(String planId, int number, String currency) {
        List<Violation> violations = new ArrayList<>();
        AttainmentRateTable table = rateTable(violations);
        Cap builtCap = cap == null ? null : attempt(violations, "cap", this::buildCap);
        List<Multiplier> builtMultipliers = new ArrayList<>();
        for (int i = 0; i < multipliers.size(); i++) {
            MultiplierTerms terms = multipliers.get(i);
            Multiplier multiplier = terms == null
                    ? fail(violations, "multipliers[" + i + "]", "must not be null")
                    : attempt(violations, "multipliers[" + i + "]", () -> new Multiplier(terms.kind(), terms.value(), terms.factor()));
            if (multiplier != null) {
                builtMultipliers.add(multiplier);
            }
        }
        List<Spiff> builtSpiffs = new ArrayList<>();
        for (int i = 0; i < spiffs.size(); i++) {
            SpiffTerms terms = spiffs.get(i);
            Spiff spiff = terms == null
                    ? fail(violations, "spiffs[" + i + "]", "must not be null")
                    : attempt(violations, "spiffs[" + i + "]", () -> new Spiff(terms.id(), terms.name(), terms.from(), terms.to(),
                    terms.criteria() == null ? null : new DealCriteria(terms.criteria().productLine(), terms.criteria().channel(),
                            terms.criteria().newCustomer()), terms.fixedPerDeal(), terms.percent()));
            if (spiff != null) {
                builtSpiffs.add(spiff);
            }
        }
        TeamBonus builtTeamBonus = teamBonus == null ? null
                : attempt(violations, "teamBonus", () -> new TeamBonus(teamBonus.fixedPerMember(), teamBonus.excessPoolPercent()));
        ManagerOverride builtOverride = managerOverride == null ? null
                : attempt(violations, "managerOverride", () -> new ManagerOverride(managerOverride.percent()));
        if (!violations.isEmpty()) {
            throw new InvalidPlanTermsException(violations);
        }
        try {
            return new PlanVersion(planId, number, currency, rounding, basis, table, gatePercent, builtCap, builtMultipliers,
                    builtSpiffs, builtTeamBonus, builtOverride);
        } catch (CommissionException e) {
            throw new InvalidPlanTermsException(List.of(new Violation(fieldOf(e.getMessage()), e.getMessage())));
        }
    }

    private AttainmentRateTable rateTable(List<Violation> violations) {
        if (rateTable == null) {
            return fail(violations, "rateTable", "a plan needs an attainment rate table");
        }
        List<AttainmentTier> tiers = new ArrayList<>();
        List<Tier> given = rateTable.tiers() == null ? List.of() : rateTable.tiers();
        for (int i = 0; i < given.size(); i++) {
            Tier tier = given.get(i);
            AttainmentTier built = tier == null
                    ? fail(violations, "rateTable.tiers[" + i + "]", "must not be null")
                    : attempt(violations, "rateTable.tiers[" + i + "]", () -> new AttainmentTier(tier.thresholdPercent(), tier.ratePercent()));
            if (built != null) {
                tiers.add(built);
            }
        }
        if (tiers.size() != given.size()) {
            return null;
        }
        return attempt(violations, "rateTable.tiers", () -> new AttainmentRateTable(rateTable.mode(), tiers));
    }

    private Cap buildCap() {
        if (cap.kind() == null) {
            throw new IllegalArgumentException("a cap needs a kind: PAYOUT (with maximum) or ATTAINMENT (with maximumPercent)");
        }
        return switch (cap.kind()) {
            case PAYOUT -> {
                if (cap.maximumPercent() != null) {
                    throw new IllegalArgumentException("a PAYOUT cap takes a maximum amount, not a maximumPercent");
                }
                yield new Cap.OnPayout(cap.maximum());
            }
            case ATTAINMENT -> {
                if (cap.maximum() != null) {
                    throw new IllegalArgumentException("an ATTAINMENT cap takes a maximumPercent, not a maximum amount");
                }
                yield new Cap.OnAttainment(cap.maximumPercent());
            }
        };
    }

    /** The field a refusal of the whole version concerns; the engine names the rule in its message. */
    private static String fieldOf(String message) {
        String text = message == null ? "" : message;
        if (text.contains("rounding")) {
            return "rounding";
        }
        if (text.contains("ISO-4217")) {
            return "currency";
        }
        if (text.contains("payout cap") || text.contains("attainment cap")) {
            return "cap";
        }
        if (text.contains("gate")) {
            return "gatePercent";
        }
        if (text.contains("multiplier")) {
            return "multipliers";
        }
        if (text.contains("SPIFF")) {
            return "spiffs";
        }
        if (text.contains("team bonus")) {
            return "teamBonus";
        }
        return "terms";
    }

    private static <T> T attempt(List<Violation> violations, String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (CommissionException e) {
            violations.add(new Violation(field, e.getMessage()));
            return null;
        } catch (IllegalArgumentException | NullPointerException e) {
            // Money and the records' own null checks: a missing or malformed part of the terms
            violations.add(new Violation(field, e.getMessage() == null ? "is incomplete" : e.getMessage()));
            return null;
        }
    }

    private static <T> T fail(List<Violation> violations, String field, String message) {
        violations.add(new Violation(field, message));
        return null;
    }
}
