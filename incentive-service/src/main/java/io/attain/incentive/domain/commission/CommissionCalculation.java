package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.AttainmentRateTable.TierSlice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One run of {@link CommissionEngine}: holds the working state of a single calculation. */
final class CommissionCalculation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Only for quotients that cannot be exact (effective rates); the result is rounded at a line afterwards. */
    private static final MathContext QUOTIENT = MathContext.DECIMAL128;
    private static final Comparator<CommissionLine> STATEMENT_ORDER = Comparator.comparing(CommissionLine::component);
    /** Clawback lines of one member, by credit then payment (a credit before its payments). */
    private static final Comparator<CreditKey> CLAWBACK_ORDER = Comparator.comparing(CreditKey::creditId)
            .thenComparing(CreditKey::paymentId, Comparator.nullsFirst(Comparator.naturalOrder()));
    /** Below this many credits a calculation stays on the calling thread. */
    private static final int PARALLEL_FROM = 50_000;
    /** Credits read per task when the ledger is read side by side. */
    private static final int CHUNK = 25_000;

    private final CommissionInput input;
    private final PlanVersion plan;
    private final AttainmentRateTable table;
    private final CommissionPeriod window;
    private final String currency;
    private final int minorUnits;
    private final RoundingMode rounding;
    private final ExchangeRates rates;
    private final Map<String, MemberBook> books = new HashMap<>();
    private final Map<String, CreditReversal> creditReversals = new HashMap<>();
    private final Map<CreditKey, CreditReversal> paymentReversals = new HashMap<>();

    CommissionCalculation(CommissionInput input) {
        this.input = Objects.requireNonNull(input, "input");
        this.plan = input.plan();
        this.table = plan.rateTable();
        this.window = input.period();
        this.currency = plan.currency();
        this.minorUnits = Money.minorUnits(currency);
        this.rounding = plan.rounding();
        this.rates = input.exchangeRates();
    }

    CommissionResult run() {
        collectQuotas();
        List<Team> teams = collectTeams();
        collectReversals();
        collectCredits();

        List<MemberBook> participants = books.values().stream().sorted(Comparator.comparing(book -> book.memberId)).toList();
        // Members are independent until the team lines, so their own lines are worked out side by side.
        (input.credits().size() >= PARALLEL_FROM ? participants.parallelStream() : participants.stream()).forEach(this::ownLines);
        for (Team team : teams) {
            teamLines(team);
        }
        settlePriorPayouts();
        List<MemberBook> members = books.values().stream().sorted(Comparator.comparing(book -> book.memberId)).toList();
        return new CommissionResult(plan, window,
                (input.credits().size() >= PARALLEL_FROM ? members.parallelStream() : members.stream()).map(this::statement).toList());
    }

    // ---------------------------------------------------------------- input

    private void collectQuotas() {
        input.quotas().forEach((memberId, quota) -> {
            if (memberId == null || memberId.isBlank()) {
                throw new InvalidCommissionInputException("a quota names no member");
            }
            BigDecimal converted = rates.convert(quota, currency, window.end(), rounding).amount();
            if (converted.signum() <= 0) {
                throw new InvalidCommissionInputException("the quota of member " + memberId + " must be above zero, was " + quota);
            }
            book(memberId).quota = converted;
        });
    }

    private List<Team> collectTeams() {
        Map<String, Team> teams = new TreeMap<>();
        for (Team team : input.teams()) {
            Team earlier = teams.putIfAbsent(team.teamId(), team);
            if (earlier != null && !earlier.equals(team)) {
                throw new InvalidCommissionInputException("two different teams share the id " + team.teamId());
            }
            team.memberIds().forEach(this::book);
            if (team.managerId() != null) {
                book(team.managerId());
            }
        }
        return List.copyOf(teams.values());
    }

    private void collectReversals() {
        Map<CreditKey, CreditReversal> seen = new HashMap<>();
        for (CreditReversal reversal : input.reversals()) {
            CreditReversal earlier = seen.putIfAbsent(reversal.key(), reversal);
            if (earlier != null && !earlier.equals(reversal)) {
                throw new InvalidCommissionInputException((reversal.paymentId() == null ? "credit " : "payment ") + reversal.key()
                        + " is reversed twice: on " + earlier.reversedOn() + " (" + earlier.reason() + ") and on "
                        + reversal.reversedOn() + " (" + reversal.reason() + ")");
            }
        }
        for (CreditReversal reversal : seen.values()) {
            if (reversal.reversedOn().isAfter(window.end())) {
                continue;
            }
            if (reversal.paymentId() == null) {
                creditReversals.put(reversal.creditId(), reversal);
            } else {
                paymentReversals.put(reversal.key(), reversal);
            }
        }
    }

    /**
     * Turns the ledger into each member's counted rows. Large ledgers are read in chunks side by side; the
     * chunks are then appended in ledger order, so every member's rows, and the first error reported, are
     * the same as when read in one go.
     */
    private void collectCredits() {
        List<Credit> credits = input.credits();
        int chunkCount = credits.size() >= PARALLEL_FROM ? Math.max(1, credits.size() / CHUNK) : 1;
        List<Rows> read = (chunkCount > 1 ? chunks(credits, chunkCount).parallelStream() : chunks(credits, chunkCount).stream())
                .map(range -> read(credits, range[0], range[1])).toList();
        for (Rows rows : read) {
            if (rows.error != null) {
                throw rows.error;
            }
        }
        for (Rows rows : read) {
            for (int i = 0; i < rows.size; i++) {
                rows.books[i].rowCount++;
            }
        }
        for (MemberBook book : books.values()) {
            book.counted = new Counted(book.rowCount);
        }
        for (Rows rows : read) {
            for (int i = 0; i < rows.size; i++) {
                rows.books[i].counted.add(rows.credits[i], rows.paymentIds[i], rows.units[i], rows.multipliers[i], rows.spiffs[i]);
            }
            for (int i = 0; i < rows.booked.size(); i++) {
                rows.bookedBy.get(i).bookedInWindow.add(rows.booked.get(i));
            }
        }
    }

    private static List<int[]> chunks(List<Credit> credits, int chunkCount) {
        List<int[]> ranges = new ArrayList<>(chunkCount);
        for (int c = 0; c < chunkCount; c++) {
            ranges.add(new int[]{(int) ((long) credits.size() * c / chunkCount), (int) ((long) credits.size() * (c + 1) / chunkCount)});
        }
        return ranges;
    }

    /** Reads credits {@code from} to {@code to} (exclusive) into rows; stops at the first bad one. */
    private Rows read(List<Credit> credits, int from, int to) {
        Rows rows = new Rows(to - from);
        boolean fixedSpiffs = plan.spiffs().stream().anyMatch(spiff -> spiff.fixedPerDeal() != null);
        try {
            for (int i = from; i < to; i++) {
                Credit credit = credits.get(i);
                MemberBook book = books.get(credit.memberId());
                if (book == null) {
                    throw new InvalidCommissionInputException("credit " + credit.creditId() + " is for member " + credit.memberId()
                            + ", who has neither a quota nor a team in this calculation");
                }
                if (!creditReversals.isEmpty() && creditReversals.containsKey(credit.creditId())) {
                    continue;
                }
                if (plan.basis() == CommissionBasis.BOOKED) {
                    if (window.contains(credit.bookedOn())) {
                        addRow(rows, book, credit, null, credit.bookedOn(), credit.amount());
                    }
                } else {
                    for (Payment payment : credit.payments()) {
                        if (window.contains(payment.paidOn())
                                && (paymentReversals.isEmpty() || !paymentReversals.containsKey(new CreditKey(credit.creditId(), payment.paymentId())))) {
                            addRow(rows, book, credit, payment.paymentId(), payment.paidOn(), payment.amount());
                        }
                    }
                }
                if (fixedSpiffs && window.contains(credit.bookedOn())) {
                    rows.booked.add(credit);
                    rows.bookedBy.add(book);
                }
            }
        } catch (CommissionException bad) {
            rows.error = bad;
        }
        return rows;
    }

    /**
     * What the member pass needs of a counted credit, taken while the credit is at hand: its amount in the
     * plan currency and which multipliers and percentage SPIFFs it matches.
     */
    private void addRow(Rows rows, MemberBook book, Credit credit, String paymentId, LocalDate day, Money amount) {
        long multiplierMask = 0;
        List<Multiplier> multipliers = plan.multipliers();
        for (int j = 0; j < multipliers.size(); j++) {
            if (multipliers.get(j).matches(credit)) {
                multiplierMask |= 1L << j;
            }
        }
        long spiffMask = 0;
        List<Spiff> spiffs = plan.spiffs();
        for (int j = 0; j < spiffs.size(); j++) {
            Spiff spiff = spiffs.get(j);
            if (spiff.percent() != null && spiff.runsOn(day) && spiff.criteria().matches(credit)) {
                spiffMask |= 1L << j;
            }
        }
        rows.add(book, credit, paymentId, units(toPlanCurrency(amount, day)), multiplierMask, spiffMask);
    }

    private BigDecimal toPlanCurrency(Money amount, LocalDate day) {
        return rates.convert(amount, currency, day, rounding).amount();
    }

    private MemberBook book(String memberId) {
        return books.computeIfAbsent(memberId, MemberBook::new);
    }

    // ---------------------------------------------------------------- a member's own commission

    private void ownLines(MemberBook book) {
        Counted counted = book.counted.sortedWithoutRepeats();
        book.counted = counted;
        book.basisUnits = counted.total();
        List<Multiplier> multipliers = plan.multipliers();
        int count = multipliers.size();
        BigDecimal[] extra = new BigDecimal[count];
        long[] matchedCredit = new long[count];
        BigDecimal[] matchedMultiplied = new BigDecimal[count];
        for (int j = 0; j < count; j++) {
            extra[j] = BigDecimal.ZERO;
            matchedMultiplied[j] = BigDecimal.ZERO;
        }
        BigDecimal basis = fromUnits(book.basisUnits);
        BigDecimal multipliedTotal = basis;
        // Credits matching the same multipliers are multiplied alike, so they are multiplied together.
        MaskTable unitsByMask = new MaskTable();
        for (int i = 0; i < counted.size; i++) {
            if (counted.multipliers[i] != 0) {
                unitsByMask.add(counted.multipliers[i], counted.units[i]);
            }
        }
        book.factorByMask = new HashMap<>();
        for (int g = 0; g < unitsByMask.size; g++) {
            long mask = unitsByMask.masks[g];
            long groupUnits = unitsByMask.values[g];
            BigDecimal running = fromUnits(groupUnits);
            BigDecimal factor = BigDecimal.ONE;
            for (int j = 0; j < count; j++) {
                if ((mask & (1L << j)) != 0) {
                    BigDecimal next = running.multiply(multipliers.get(j).factor());
                    extra[j] = extra[j].add(next.subtract(running));
                    matchedCredit[j] += groupUnits;
                    matchedMultiplied[j] = matchedMultiplied[j].add(running);
                    running = next;
                    factor = factor.multiply(multipliers.get(j).factor());
                }
            }
            book.factorByMask.put(mask, factor);
        }
        for (BigDecimal more : extra) {
            multipliedTotal = multipliedTotal.add(more);
        }

        long commissionUnits = 0;
        if (book.quota != null) {
            BigDecimal quota = book.quota;
            book.attainment = basis.multiply(HUNDRED).divide(quota, 2, RoundingMode.DOWN);
            String attainment = Figures.measured(book.attainment);

            List<TierSlice> slices = table.slices(basis, quota);
            BigDecimal tierExact = BigDecimal.ZERO;
            if (slices.isEmpty()) {
                String why = table.lowestThreshold().multiply(quota).compareTo(basis.multiply(HUNDRED)) > 0
                        ? "attainment " + attainment + " is below the lowest tier (" + Figures.percent(table.lowestThreshold()) + ")"
                        : "attainment " + attainment + " reached the " + Figures.percent(table.lowestThreshold())
                          + " tier but no credit lies above it";
                book.lines.add(line(book, CommissionComponent.TIER, "tier:none", money(basis), null, book.attainment,
                        fromUnits(0), "no commission: " + why));
            }
            for (TierSlice slice : slices) {
                BigDecimal rate = slice.tier().ratePercent();
                BigDecimal rounded = round(slice.commission());
                tierExact = tierExact.add(slice.commission());
                commissionUnits += units(rounded);
                String explanation = Figures.percent(rate) + " on " + Figures.money(slice.basis(), currency) + (table.mode() == RateMode.RETROACTIVE
                        ? " because attainment " + attainment + " reached the " + Figures.percent(slice.tier().thresholdPercent()) + " tier"
                        : marginalSlice(slice, basis, attainment));
                book.lines.add(line(book, CommissionComponent.TIER, "tier:" + slice.tier().thresholdPercent().stripTrailingZeros().toPlainString(),
                        money(slice.basis()), rate, book.attainment, rounded, explanation));
            }

            BigDecimal retroactiveRate = table.mode() == RateMode.RETROACTIVE
                    ? (slices.isEmpty() ? BigDecimal.ZERO : slices.getFirst().tier().ratePercent()) : null;
            for (int j = 0; j < count; j++) {
                if (matchedCredit[j] == 0) {
                    continue;
                }
                Multiplier multiplier = multipliers.get(j);
                BigDecimal exact;
                BigDecimal rate;
                String rateText;
                if (retroactiveRate != null) {
                    exact = AttainmentRateTable.share(extra[j], retroactiveRate);
                    rate = retroactiveRate;
                    rateText = Figures.percent(rate) + (slices.isEmpty() ? " (no tier reached)" : "");
                } else {
                    exact = extra[j].multiply(tierExact).divide(basis, QUOTIENT);
                    rate = tierExact.multiply(HUNDRED).divide(basis, 4, RoundingMode.HALF_UP);
                    rateText = "the effective rate " + Figures.percent(rate) + " (tier commission ÷ credit)";
                }
                BigDecimal rounded = round(exact);
                commissionUnits += units(rounded);
                String compounded = matchedMultiplied[j].compareTo(fromUnits(matchedCredit[j])) == 0 ? ""
                        : " (counted as " + Figures.money(matchedMultiplied[j], currency) + " after the multipliers before it)";
                book.lines.add(line(book, CommissionComponent.MULTIPLIER, "multiplier:" + multiplier.key(), money(extra[j]), rate,
                        book.attainment, rounded, "×" + multiplier.factor().stripTrailingZeros().toPlainString() + " for "
                                + multiplier.describe() + ": " + Figures.money(extra[j], currency) + " of extra credit on "
                                + Figures.money(fromUnits(matchedCredit[j]), currency) + " of matching credit" + compounded + ", at " + rateText));
            }

            BigDecimal gate = plan.gatePercent();
            if (gate != null && gate.multiply(quota).compareTo(basis.multiply(HUNDRED)) > 0) {
                String taken = commissionUnits == 0 ? ""
                        : "; takes back " + Figures.money(fromUnits(commissionUnits), currency) + " of tier and multiplier commission";
                book.lines.add(line(book, CommissionComponent.GATE, "gate:" + gate.stripTrailingZeros().toPlainString(), null, null,
                        book.attainment, fromUnits(-commissionUnits), "no commission below the " + Figures.percent(gate)
                                + " gate: attainment " + attainment + taken));
                commissionUnits = 0;
            } else if (plan.cap() instanceof Cap.OnAttainment(BigDecimal maximum)
                    && basis.multiply(HUNDRED).compareTo(maximum.multiply(quota)) > 0) {
                BigDecimal countable = AttainmentRateTable.share(quota, maximum);
                BigDecimal cappedTier = table.commission(countable, quota);
                BigDecimal capped = multipliedTotal.compareTo(basis) == 0 ? cappedTier
                        : cappedTier.multiply(multipliedTotal).divide(basis, QUOTIENT);
                long cappedUnits = units(round(capped));
                long cut = Math.min(0, cappedUnits - commissionUnits);
                book.lines.add(line(book, CommissionComponent.CAP, "cap:attainment:" + maximum.stripTrailingZeros().toPlainString(),
                        money(basis.subtract(countable)), null, book.attainment, fromUnits(cut), "attainment counts up to "
                                + Figures.percent(maximum) + " of quota: the " + Figures.money(basis.subtract(countable), currency)
                                + " credited above " + Figures.money(countable, currency) + " earns nothing (tier and multiplier commission "
                                + Figures.money(fromUnits(commissionUnits), currency) + " → "
                                + Figures.money(fromUnits(commissionUnits + cut), currency) + ")"));
                commissionUnits += cut;
            } else if (plan.cap() instanceof Cap.OnPayout(Money maximum) && commissionUnits > units(maximum.amount())) {
                long maximumUnits = units(maximum.amount());
                BigDecimal earned = fromUnits(commissionUnits);
                book.lines.add(line(book, CommissionComponent.CAP, "cap:payout", money(earned), null, book.attainment,
                        fromUnits(maximumUnits - commissionUnits), "commission capped at " + Figures.money(maximum)
                                + " per window (tier and multiplier lines earned " + Figures.money(earned, currency) + ")"));
                commissionUnits = maximumUnits;
            }
        }

        Map<CreditKey, CreditSpiff> creditSpiffs = new LinkedHashMap<>();
        long spiffUnits = 0;
        List<Spiff> spiffs = plan.spiffs();
        for (int j = 0; j < spiffs.size(); j++) {
            Spiff spiff = spiffs.get(j);
            spiffUnits += spiff.percent() != null ? percentageSpiff(book, spiff, 1L << j) : fixedSpiff(book, spiff, creditSpiffs);
        }

        book.commissionUnits = commissionUnits + spiffUnits;
        attributeOwnCommission(book, commissionUnits, spiffUnits, creditSpiffs);
    }

    private String marginalSlice(TierSlice slice, BigDecimal basis, String attainment) {
        String from = Figures.percent(slice.tier().thresholdPercent());
        boolean full = slice.to() != null && basis.compareTo(slice.to()) >= 0;
        return full
                ? ", the credit from " + from + " to " + Figures.percent(nextThreshold(slice)) + " of quota (attainment " + attainment + ")"
                : ", the credit above " + from + " of quota (attainment " + attainment + ")";
    }

    private BigDecimal nextThreshold(TierSlice slice) {
        List<AttainmentTier> tiers = table.tiers();
        return tiers.get(tiers.indexOf(slice.tier()) + 1).thresholdPercent();
    }

    private long percentageSpiff(MemberBook book, Spiff spiff, long bit) {
        long matchedUnits = 0;
        boolean any = false;
        Counted counted = book.counted;
        for (int i = 0; i < counted.size; i++) {
            if ((counted.spiffs[i] & bit) != 0) {
                if (counted.spiffBonus == null) {
                    counted.spiffBonus = new BigDecimal[counted.size];
                }
                BigDecimal bonus = AttainmentRateTable.share(fromUnits(counted.units[i]), spiff.percent());
                counted.spiffBonus[i] = counted.spiffBonus[i] == null ? bonus : counted.spiffBonus[i].add(bonus);
                matchedUnits += counted.units[i];
                any = true;
            }
        }
        if (!any) {
            return 0;
        }
        BigDecimal matched = fromUnits(matchedUnits);
        BigDecimal rounded = round(AttainmentRateTable.share(matched, spiff.percent()));
        book.lines.add(line(book, CommissionComponent.SPIFF, "spiff:" + spiff.spiffId(), money(matched), spiff.percent(), null, rounded,
                "SPIFF " + spiff.name() + ": " + Figures.percent(spiff.percent()) + " on " + Figures.money(matched, currency)
                        + " of credit on " + spiff.criteria().describe() + " counted from " + spiff.from() + " to " + spiff.to()));
        return units(rounded);
    }

    private long fixedSpiff(MemberBook book, Spiff spiff, Map<CreditKey, CreditSpiff> creditSpiffs) {
        int deals = 0;
        Set<String> seen = new HashSet<>();
        for (Credit credit : book.bookedInWindow) {
            if (seen.add(credit.creditId()) && spiff.runsOn(credit.bookedOn()) && spiff.criteria().matches(credit)) {
                creditSpiffs.merge(new CreditKey(credit.creditId(), null), new CreditSpiff(credit.dealId(), spiff.fixedPerDeal().amount()),
                        (a, b) -> new CreditSpiff(a.dealId(), a.amount().add(b.amount())));
                deals++;
            }
        }
        if (deals == 0) {
            return 0;
        }
        BigDecimal amount = round(spiff.fixedPerDeal().amount().multiply(BigDecimal.valueOf(deals)));
        book.lines.add(line(book, CommissionComponent.SPIFF, "spiff:" + spiff.spiffId(), null, null, null, amount,
                "SPIFF " + spiff.name() + ": " + Figures.money(spiff.fixedPerDeal()) + " for each of " + deals + " deal"
                        + (deals == 1 ? "" : "s") + " on " + spiff.criteria().describe() + " booked from " + spiff.from() + " to " + spiff.to()));
        return units(amount);
    }

    /**
     * Shares the member's commission lines out over the credits that earned them: the tier, multiplier, gate
     * and cap lines in proportion to each credit's multiplied credit (a cap or gate cuts every credit alike),
     * the SPIFF lines in proportion to the SPIFF each credit earned. Each part adds up exactly to its lines.
     */
    private void attributeOwnCommission(MemberBook book, long commissionUnits, long spiffUnits, Map<CreditKey, CreditSpiff> creditSpiffs) {
        if (commissionUnits == 0 && spiffUnits == 0) {
            return;
        }
        Counted counted = book.counted;
        long[] units = new long[counted.size];
        // the counted credits are in key order, so position order is key order
        WeightedAllocation.TieBreak byPosition = Integer::compare;
        if (commissionUnits > 0) {
            long[] weights = multipliedCredit(book);
            long[] shares = weights != null ? WeightedAllocation.allocate(commissionUnits, byPosition, weights)
                    : WeightedAllocation.allocate(commissionUnits, byPosition, exactMultipliedCredit(book));
            System.arraycopy(shares, 0, units, 0, shares.length);
        }
        Attribution attribution = counted.attribution(units);
        if (spiffUnits > 0) {
            List<Integer> positions = new ArrayList<>();
            List<CreditKey> keys = new ArrayList<>();
            List<String> deals = new ArrayList<>();
            List<BigDecimal> weights = new ArrayList<>();
            for (int i = 0; i < counted.size; i++) {
                if (counted.spiffBonus != null && counted.spiffBonus[i] != null) {
                    positions.add(i);
                    keys.add(new CreditKey(counted.creditIds[i], counted.paymentIds[i]));
                    deals.add(counted.dealIds[i]);
                    weights.add(counted.spiffBonus[i]);
                }
            }
            creditSpiffs.forEach((key, spiff) -> {
                keys.add(key);
                deals.add(spiff.dealId());
                weights.add(spiff.amount());
            });
            WeightedAllocation.TieBreak byKey = (a, b) -> Attribution.compareKeys(
                    keys.get(a).creditId().hashCode(), keys.get(a).creditId(), keys.get(a).paymentId(),
                    keys.get(b).creditId().hashCode(), keys.get(b).creditId(), keys.get(b).paymentId());
            long[] shares = WeightedAllocation.allocate(spiffUnits, byKey, weights.toArray(BigDecimal[]::new));
            for (int i = 0; i < positions.size(); i++) {
                units[positions.get(i)] += shares[i];
            }
            if (!creditSpiffs.isEmpty()) {
                List<Long> perCredit = new ArrayList<>();
                for (int i = positions.size(); i < shares.length; i++) {
                    perCredit.add(shares[i]);
                }
                attribution = Attribution.merge(List.of(attribution, Attribution.of(
                        keys.subList(positions.size(), shares.length), deals.subList(positions.size(), shares.length), perCredit)));
            }
        }
        book.own = attribution;
    }

    /**
     * Each credit's multiplied credit as whole numbers at one scale (in minor units when nothing is
     * multiplied), or {@code null} when one of them does not fit a {@code long}.
     */
    private long[] multipliedCredit(MemberBook book) {
        int scale = 0;
        for (BigDecimal factor : book.factorByMask.values()) {
            scale = Math.max(scale, factor.stripTrailingZeros().scale());
        }
        MaskTable wholeFactor = new MaskTable();
        for (Map.Entry<Long, BigDecimal> factor : book.factorByMask.entrySet()) {
            BigDecimal whole = factor.getValue().movePointRight(scale);
            if (whole.precision() > 18) {
                return null;
            }
            wholeFactor.add(factor.getKey(), whole.longValueExact());
        }
        long one = BigDecimal.ONE.movePointRight(scale).longValueExact();
        Counted counted = book.counted;
        long[] weights = new long[counted.size];
        try {
            for (int i = 0; i < weights.length; i++) {
                long mask = counted.multipliers[i];
                weights[i] = Math.multiplyExact(counted.units[i], mask == 0 ? one : wholeFactor.get(mask));
            }
        } catch (ArithmeticException tooLarge) {
            return null;
        }
        return weights;
    }

    private BigDecimal[] exactMultipliedCredit(MemberBook book) {
        Counted counted = book.counted;
        BigDecimal[] weights = new BigDecimal[counted.size];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = fromUnits(counted.units[i]).multiply(book.factorByMask.getOrDefault(counted.multipliers[i], BigDecimal.ONE));
        }
        return weights;
    }

    // ---------------------------------------------------------------- teams

    private void teamLines(Team team) {
        BigDecimal target = toPlanCurrency(team.target(), window.end());
        long creditedUnits = 0;
        for (String member : team.memberIds()) {
            creditedUnits = Math.addExact(creditedUnits, books.get(member).basisUnits);
        }
        BigDecimal credited = fromUnits(creditedUnits);
        BigDecimal attainment = credited.multiply(HUNDRED).divide(target, 2, RoundingMode.DOWN);
        boolean reached = credited.compareTo(target) >= 0;
        String teamText = "team " + team.teamId() + (reached ? " reached " : " reached only ") + Figures.measured(attainment) + " of its "
                + Figures.money(target, currency) + " target (credited " + Figures.money(credited, currency) + ")";
        String rule = "team:" + team.teamId();

        TeamBonus bonus = plan.teamBonus();
        if (bonus != null) {
            BigDecimal fixed = reached ? bonus.fixedPerMember().amount().setScale(minorUnits, RoundingMode.UNNECESSARY) : fromUnits(0);
            for (String member : team.memberIds()) {
                MemberBook book = books.get(member);
                book.lines.add(line(book, CommissionComponent.TEAM_BONUS, rule, null, null, attainment, fixed,
                        teamText + (reached ? ": fixed team bonus" : ": no team bonus")));
            }
            BigDecimal excess = credited.subtract(target);
            if (reached && excess.signum() > 0 && bonus.excessPoolPercent().signum() > 0) {
                poolLines(team, credited, excess, bonus.excessPoolPercent(), attainment, rule);
            }
        }

        ManagerOverride override = plan.managerOverride();
        if (override != null && team.managerId() != null) {
            overrideLine(team, override, rule);
        }
    }

    private void poolLines(Team team, BigDecimal credited, BigDecimal excess, BigDecimal percent, BigDecimal attainment, String rule) {
        BigDecimal pool = round(AttainmentRateTable.share(excess, percent));
        List<String> members = team.memberIds();
        long[] weights = new long[members.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = books.get(members.get(i)).basisUnits;
        }
        long[] shares = WeightedAllocation.allocate(units(pool), (a, b) -> members.get(a).compareTo(members.get(b)), weights);
        for (int i = 0; i < weights.length; i++) {
            MemberBook book = books.get(members.get(i));
            BigDecimal memberCredit = fromUnits(weights[i]);
            BigDecimal shareOfCredit = memberCredit.multiply(HUNDRED).divide(credited, 2, RoundingMode.HALF_UP);
            book.lines.add(line(book, CommissionComponent.TEAM_POOL, rule, money(pool), null, attainment, fromUnits(shares[i]),
                    "share " + Figures.measured(shareOfCredit) + " of team " + team.teamId() + "'s credit ("
                            + Figures.money(memberCredit, currency) + " of " + Figures.money(credited, currency) + ") in the "
                            + Figures.money(pool, currency) + " pool, " + Figures.percent(percent) + " of the "
                            + Figures.money(excess, currency) + " above target"));
        }
    }

    private void overrideLine(Team team, ManagerOverride override, String rule) {
        MemberBook manager = books.get(team.managerId());
        long base = 0;
        int members = 0;
        List<Attribution> parts = new ArrayList<>();
        for (String memberId : team.memberIds()) {
            if (memberId.equals(team.managerId())) {
                continue;
            }
            members++;
            MemberBook member = books.get(memberId);
            base += member.commissionUnits;
            parts.add(member.own);
        }
        BigDecimal rounded = round(AttainmentRateTable.share(fromUnits(base), override.percent()));
        manager.lines.add(line(manager, CommissionComponent.OVERRIDE, rule, money(fromUnits(base)), override.percent(), null, rounded,
                Figures.percent(override.percent()) + " override on " + Figures.money(fromUnits(base), currency)
                        + " of commission earned by the " + members + " member" + (members == 1 ? "" : "s") + " of team " + team.teamId()));
        long overrideUnits = units(rounded);
        if (overrideUnits == 0) {
            return;
        }
        // The override is shared over the credits in proportion to what each earned its member.
        Attribution earned = Attribution.merge(parts);
        manager.overrides.add(earned.withUnits(WeightedAllocation.allocate(overrideUnits, earned::compare, earned.units)));
    }

    // ---------------------------------------------------------------- clawbacks and true-up

    private void settlePriorPayouts() {
        Map<String, PriorPayout> payouts = new TreeMap<>();
        for (PriorPayout payout : input.priorPayouts()) {
            PriorPayout earlier = payouts.putIfAbsent(payout.payoutId(), payout);
            if (earlier != null && !earlier.equals(payout)) {
                throw new InvalidCommissionInputException("two different prior payouts share the id " + payout.payoutId());
            }
            if (!payout.amount().currency().equals(currency)) {
                throw new InvalidCommissionInputException("prior payout " + payout.payoutId() + " is in " + payout.amount().currency()
                        + ", the plan pays in " + currency);
            }
            if (!window.contains(payout.window()) && window.overlaps(payout.window())) {
                throw new InvalidCommissionInputException("prior payout " + payout.payoutId() + " covers " + payout.window()
                        + ", which overlaps the window " + window + " without lying inside it");
            }
        }
        Map<String, CreditReversal> creditsReversedNow = new HashMap<>();
        Map<CreditKey, CreditReversal> paymentsReversedNow = new HashMap<>();
        creditReversals.values().stream().filter(reversal -> window.contains(reversal.reversedOn()))
                .forEach(reversal -> creditsReversedNow.put(reversal.creditId(), reversal));
        paymentReversals.values().stream().filter(reversal -> window.contains(reversal.reversedOn())
                        && !creditsReversedNow.containsKey(reversal.creditId()))
                .forEach(reversal -> paymentsReversedNow.put(reversal.key(), reversal));

        // member → reversal → what was paid on it, and in which windows
        Map<String, Map<CreditKey, Clawback>> clawbacks = new TreeMap<>();
        // member → credit key → minus everything paid on a credit clawed back now
        Map<String, Entries> clawedKeys = new HashMap<>();
        Map<String, Long> paidInWindow = new TreeMap<>();
        Map<String, Long> clawedInWindow = new HashMap<>();
        Map<String, List<String>> inWindowPayouts = new HashMap<>();
        // member → credit key → what payouts inside this window attributed to it
        Map<String, Entries> attributedInWindow = new HashMap<>();

        for (PriorPayout payout : payouts.values()) {
            boolean inWindow = window.contains(payout.window());
            String member = payout.memberId();
            if (inWindow) {
                paidInWindow.merge(member, units(payout.amount().amount()), Long::sum);
                inWindowPayouts.computeIfAbsent(member, m -> new ArrayList<>()).add(payout.window().label());
            }
            for (CreditCommission paid : payout.creditCommissions()) {
                long paidUnits = units(paid.amount().amount());
                CreditReversal reversal = creditsReversedNow.containsKey(paid.creditId()) || paid.paymentId() == null
                        ? creditsReversedNow.get(paid.creditId()) : paymentsReversedNow.get(paid.key());
                if (reversal != null) {
                    clawbacks.computeIfAbsent(member, m -> new TreeMap<>(CLAWBACK_ORDER))
                            .computeIfAbsent(reversal.key(), k -> new Clawback(reversal))
                            .add(paidUnits, payout.window().label(), paid.dealId());
                    clawedKeys.computeIfAbsent(member, m -> new Entries()).add(paid.key(), paid.dealId(), -paidUnits);
                    if (inWindow) {
                        clawedInWindow.merge(member, paidUnits, Long::sum);
                    }
                } else if (inWindow) {
                    attributedInWindow.computeIfAbsent(member, m -> new Entries()).add(paid.key(), paid.dealId(), -paidUnits);
                }
            }
        }

        clawbacks.forEach((member, byReversal) -> {
            MemberBook book = book(member);
            byReversal.forEach((key, clawback) -> {
                if (clawback.units == 0) {
                    return;
                }
                CreditReversal reversal = clawback.reversal;
                String what = reversal.paymentId() == null ? "credit " + reversal.creditId()
                        : "payment " + reversal.paymentId() + " of credit " + reversal.creditId();
                book.lines.add(line(book, CommissionComponent.CLAWBACK, "reversal:" + key, null, null, null, fromUnits(-clawback.units),
                        "takes back the " + Figures.money(fromUnits(clawback.units), currency) + " paid on " + what
                                + (clawback.dealId == null ? "" : " (deal " + clawback.dealId + ")") + " for "
                                + String.join(", ", clawback.windows) + ": " + reversal.reason() + " on " + reversal.reversedOn()));
            });
        });

        paidInWindow.forEach((member, paid) -> {
            long clawed = clawedInWindow.getOrDefault(member, 0L);
            long trueUp = clawed - paid;
            if (trueUp == 0) {
                return;
            }
            MemberBook book = book(member);
            book.lines.add(line(book, CommissionComponent.TRUE_UP, "true-up", money(fromUnits(paid)), null, null, fromUnits(trueUp),
                    "earned to date less already paid: " + Figures.money(fromUnits(paid), currency) + " paid for "
                            + String.join(", ", new TreeSet<>(inWindowPayouts.get(member))) + " within " + window.label()
                            + (clawed > 0 ? ", of which " + Figures.money(fromUnits(clawed), currency) + " is clawed back above"
                            : clawed < 0 ? ", net of " + Figures.money(fromUnits(-clawed), currency) + " clawed back in those payouts" : "")));
        });

        // What each statement pays on each credit: earned now, less what payouts inside the window already
        // paid on it; for a credit clawed back now, minus everything paid on it (it earns nothing now).
        for (String member : unionOf(attributedInWindow.keySet(), clawedKeys.keySet())) {
            MemberBook book = book(member);
            Attribution earned = book.attributed();
            Entries net = new Entries();
            for (int i = 0; i < earned.size(); i++) {
                net.add(new CreditKey(earned.creditIds[i], earned.paymentIds[i]), earned.dealIds[i], earned.units[i]);
            }
            net.addAll(attributedInWindow.get(member));
            net.addAll(clawedKeys.get(member));
            book.net = Attribution.of(net.keys, net.dealIds, net.units);
        }
    }

    private static List<String> unionOf(Set<String> a, Set<String> b) {
        TreeSet<String> union = new TreeSet<>(a);
        union.addAll(b);
        return List.copyOf(union);
    }

    // ---------------------------------------------------------------- statements

    private CommissionStatement statement(MemberBook book) {
        List<CommissionLine> lines = new ArrayList<>(book.lines);
        lines.sort(STATEMENT_ORDER);
        long total = 0;
        for (CommissionLine line : lines) {
            total += units(line.amount().amount());
        }
        Attribution attributed = book.attributed();
        int count = 0;
        for (long units : attributed.units) {
            if (units != 0) {
                count++;
            }
        }
        if (count < attributed.size()) {
            String[] creditIds = new String[count];
            String[] paymentIds = new String[count];
            String[] dealIds = new String[count];
            long[] units = new long[count];
            int at = 0;
            for (int i = 0; i < attributed.size(); i++) {
                if (attributed.units[i] != 0) {
                    creditIds[at] = attributed.creditIds[i];
                    paymentIds[at] = attributed.paymentIds[i];
                    dealIds[at] = attributed.dealIds[i];
                    units[at++] = attributed.units[i];
                }
            }
            attributed = new Attribution(creditIds, paymentIds, null, dealIds, units);
        }
        CreditCommissions commissions = new CreditCommissions(book.memberId, currency, attributed.creditIds, attributed.paymentIds,
                attributed.dealIds, attributed.units);
        return new CommissionStatement(book.memberId, window, plan.planId(), plan.version(),
                book.quota == null ? null : Money.of(book.quota, currency), book.attainment, lines,
                Money.of(fromUnits(total), currency), commissions);
    }

    // ---------------------------------------------------------------- figures

    private CommissionLine line(MemberBook book, CommissionComponent component, String rule, Money basis, BigDecimal rate,
                                BigDecimal attainment, BigDecimal amount, String explanation) {
        return new CommissionLine(book.memberId, component, rule, basis, rate, attainment, Money.of(amount, currency), explanation);
    }

    private Money money(BigDecimal amount) {
        return Money.of(amount, currency);
    }

    /** The one place a commission figure is rounded: to the minor unit, with the plan's rounding mode. */
    private BigDecimal round(BigDecimal exact) {
        return exact.setScale(minorUnits, rounding);
    }

    private long units(BigDecimal atMinorUnit) {
        return atMinorUnit.movePointRight(minorUnits).longValueExact();
    }

    private BigDecimal fromUnits(long units) {
        return BigDecimal.valueOf(units, minorUnits);
    }

    // ---------------------------------------------------------------- working state

    private static final class MemberBook {
        final String memberId;
        BigDecimal quota;
        BigDecimal attainment;
        /** Counted credit in the plan currency's minor units. */
        long basisUnits;
        /** Rows counted for the member while reading the ledger. */
        int rowCount;
        /** The member's counted credits; in key order and without repeats once their own lines are worked out. */
        Counted counted = new Counted(0);
        /** Multiplier mask → product of its factors, for the masks the member's credits match. */
        Map<Long, BigDecimal> factorByMask = Map.of();
        final List<Credit> bookedInWindow = new ArrayList<>();
        final List<CommissionLine> lines = new ArrayList<>();
        /** The sum of the member's tier to SPIFF lines: what their manager's override is a percentage of. */
        long commissionUnits;
        /** The member's commission lines shared out over their credits. */
        Attribution own = Attribution.EMPTY;
        /** The member's overrides shared out over their team members' credits, one part per team (not sorted). */
        final List<Attribution> overrides = new ArrayList<>();
        /** Set once prior payouts are settled: what this statement pays on each credit. */
        Attribution net;

        /** What this statement pays on each credit. */
        Attribution attributed() {
            if (net != null) {
                return net;
            }
            if (overrides.isEmpty()) {
                return own;
            }
            List<Attribution> parts = new ArrayList<>(overrides.size() + 1);
            parts.add(own);
            parts.addAll(overrides);
            return Attribution.merge(parts);
        }

        MemberBook(String memberId) {
            this.memberId = memberId;
        }

    }

    /**
     * A member's counted credits (or payments) as columns, one row each: a quarter counts a million of them,
     * and a few arrays per member keep the collector's work small where a million objects would not.
     */
    private static final class Counted {
        Credit[] credits;
        String[] creditIds;
        String[] paymentIds;
        String[] dealIds;
        int[] hashes;
        /** In the plan currency's minor units. */
        long[] units;
        /** Bit j: the plan's multiplier j matches. */
        long[] multipliers;
        /** Bit j: the plan's SPIFF j is a percentage SPIFF that matches (deal and day). */
        long[] spiffs;
        /** The percentage SPIFFs earned on each row, exact; {@code null} until one matches. */
        BigDecimal[] spiffBonus;
        int size;

        Counted(int capacity) {
            credits = new Credit[capacity];
            creditIds = new String[capacity];
            paymentIds = new String[capacity];
            dealIds = new String[capacity];
            hashes = new int[capacity];
            units = new long[capacity];
            multipliers = new long[capacity];
            spiffs = new long[capacity];
        }

        void add(Credit credit, String paymentId, long amount, long multiplierMask, long spiffMask) {
            if (size == units.length) {
                int grown = Math.max(8, size * 2);
                credits = Arrays.copyOf(credits, grown);
                creditIds = Arrays.copyOf(creditIds, grown);
                paymentIds = Arrays.copyOf(paymentIds, grown);
                dealIds = Arrays.copyOf(dealIds, grown);
                hashes = Arrays.copyOf(hashes, grown);
                units = Arrays.copyOf(units, grown);
                multipliers = Arrays.copyOf(multipliers, grown);
                spiffs = Arrays.copyOf(spiffs, grown);
            }
            credits[size] = credit;
            creditIds[size] = credit.creditId();
            paymentIds[size] = paymentId;
            dealIds[size] = credit.dealId();
            hashes[size] = credit.creditId().hashCode();
            units[size] = amount;
            multipliers[size] = multiplierMask;
            spiffs[size] = spiffMask;
            size++;
        }

        /**
         * The rows in key order, repeats dropped: the same credit handed in twice (an at-least-once
         * delivery) counts once; two different credits under one id are refused.
         */
        Counted sortedWithoutRepeats() {
            int[] order = Attribution.sortedOrder(hashes, creditIds, paymentIds, size);
            Counted sorted = new Counted(size);
            for (int i : order) {
                int last = sorted.size - 1;
                if (last >= 0 && sorted.hashes[last] == hashes[i] && sorted.creditIds[last].equals(creditIds[i])
                        && Objects.equals(sorted.paymentIds[last], paymentIds[i])) {
                    Credit earlier = sorted.credits[last];
                    if (!earlier.equals(credits[i])) {
                        throw new InvalidCommissionInputException("two different credits share the id " + creditIds[i] + " (deal "
                                + earlier.dealId() + ", " + earlier.amount() + "; deal " + credits[i].dealId() + ", " + credits[i].amount() + ")");
                    }
                    continue;
                }
                int at = sorted.size++;
                sorted.credits[at] = credits[i];
                sorted.creditIds[at] = creditIds[i];
                sorted.paymentIds[at] = paymentIds[i];
                sorted.dealIds[at] = dealIds[i];
                sorted.hashes[at] = hashes[i];
                sorted.units[at] = units[i];
                sorted.multipliers[at] = multipliers[i];
                sorted.spiffs[at] = spiffs[i];
            }
            if (sorted.size < size) {
                sorted.trim();
            }
            return sorted;
        }

        long total() {
            long total = 0;
            for (int i = 0; i < size; i++) {
                total = Math.addExact(total, units[i]);
            }
            return total;
        }

        /** These rows with the given amounts; shares the columns (so only once the rows are final). */
        Attribution attribution(long[] amounts) {
            trim();
            return new Attribution(creditIds, paymentIds, hashes, dealIds, amounts);
        }

        private void trim() {
            if (units.length == size) {
                return;
            }
            credits = Arrays.copyOf(credits, size);
            creditIds = Arrays.copyOf(creditIds, size);
            paymentIds = Arrays.copyOf(paymentIds, size);
            dealIds = Arrays.copyOf(dealIds, size);
            hashes = Arrays.copyOf(hashes, size);
            units = Arrays.copyOf(units, size);
            multipliers = Arrays.copyOf(multipliers, size);
            spiffs = Arrays.copyOf(spiffs, size);
        }
    }

    /** Credits read from one chunk of the ledger, in ledger order: the member each row counts for and its figures. */
    private static final class Rows {
        MemberBook[] books;
        Credit[] credits;
        String[] paymentIds;
        long[] units;
        long[] multipliers;
        long[] spiffs;
        int size;
        final List<Credit> booked = new ArrayList<>();
        final List<MemberBook> bookedBy = new ArrayList<>();
        CommissionException error;

        Rows(int capacity) {
            capacity = Math.max(capacity, 1);
            books = new MemberBook[capacity];
            credits = new Credit[capacity];
            paymentIds = new String[capacity];
            units = new long[capacity];
            multipliers = new long[capacity];
            spiffs = new long[capacity];
        }

        void add(MemberBook book, Credit credit, String paymentId, long amount, long multiplierMask, long spiffMask) {
            if (size == units.length) {
                int grown = size * 2;
                books = Arrays.copyOf(books, grown);
                credits = Arrays.copyOf(credits, grown);
                paymentIds = Arrays.copyOf(paymentIds, grown);
                units = Arrays.copyOf(units, grown);
                multipliers = Arrays.copyOf(multipliers, grown);
                spiffs = Arrays.copyOf(spiffs, grown);
            }
            books[size] = book;
            credits[size] = credit;
            paymentIds[size] = paymentId;
            units[size] = amount;
            multipliers[size] = multiplierMask;
            spiffs[size] = spiffMask;
            size++;
        }
    }

    /**
     * Sums by multiplier mask: a member's credits match only a few distinct masks, so a short list searched
     * from the front beats a map of boxed numbers.
     */
    private static final class MaskTable {
        long[] masks = new long[4];
        long[] values = new long[4];
        int size;

        void add(long mask, long value) {
            for (int i = 0; i < size; i++) {
                if (masks[i] == mask) {
                    values[i] = Math.addExact(values[i], value);
                    return;
                }
            }
            if (size == masks.length) {
                masks = Arrays.copyOf(masks, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            masks[size] = mask;
            values[size++] = value;
        }

        long get(long mask) {
            for (int i = 0; i < size; i++) {
                if (masks[i] == mask) {
                    return values[i];
                }
            }
            throw new IllegalStateException("no entry for multiplier mask " + mask);
        }
    }

    /** Attribution entries in any order, for the rare paths that need to combine them freely. */
    private static final class Entries {
        final List<CreditKey> keys = new ArrayList<>();
        final List<String> dealIds = new ArrayList<>();
        final List<Long> units = new ArrayList<>();

        void add(CreditKey key, String dealId, long amount) {
            keys.add(key);
            dealIds.add(dealId);
            units.add(amount);
        }

        void addAll(Entries other) {
            if (other != null) {
                keys.addAll(other.keys);
                dealIds.addAll(other.dealIds);
                units.addAll(other.units);
            }
        }
    }

    private record CreditSpiff(String dealId, BigDecimal amount) {
    }

    private static final class Clawback {
        final CreditReversal reversal;
        final TreeSet<String> windows = new TreeSet<>();
        long units;
        String dealId;

        Clawback(CreditReversal reversal) {
            this.reversal = reversal;
        }

        void add(long paid, String window, String deal) {
            units += paid;
            windows.add(window);
            if (dealId == null) {
                dealId = deal;
            }
        }
    }
}
