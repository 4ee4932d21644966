package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but reproducible calculation inputs for the property tests: a plan drawn from every component, a
 * handful of reps in a team with a manager, and a year's ledger of credits (some in USD, some paid in
 * instalments) with reversals spread over the year.
 */
final class RandomScenarios {

    static final int YEAR = 2025;
    static final String MANAGER = "mgr-0";
    private static final String[] PRODUCT_LINES = {"A", "B", "services"};
    private static final String[] CHANNELS = {"直销", "渠道"};
    private static final RoundingMode[] ROUNDINGS = {RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.CEILING};

    private RandomScenarios() {
    }

    /** Everything a year of quarterly calculations needs. */
    record Scenario(PlanVersion plan, Map<String, Money> quotas, List<Team> teams, List<Credit> credits,
                    List<CreditReversal> reversals, ExchangeRates rates) {

        CommissionInput input(CommissionPeriod window, List<PriorPayout> payouts) {
            CommissionInput.Builder builder = CommissionInput.builder(plan, window).credits(credits).reversals(reversals)
                    .priorPayouts(payouts).exchangeRates(rates);
            quotas.forEach(builder::quota);
            teams.forEach(builder::team);
            return builder.build();
        }
    }

    static Scenario scenario(long seed) {
        Random random = new Random(seed);
        PlanVersion plan = plan(random);

        int reps = 1 + random.nextInt(5);
        Map<String, Money> quotas = new LinkedHashMap<>();
        List<String> members = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            String rep = "rep-" + r;
            members.add(rep);
            quotas.put(rep, Money.of(BigDecimal.valueOf(100_000 + random.nextInt(1_900_000)).setScale(2), "CNY"));
        }
        List<Team> teams = List.of(new Team("team-0", Money.of(BigDecimal.valueOf(100_000L * reps + random.nextInt(2_000_000)).setScale(2), "CNY"),
                members, random.nextBoolean() ? MANAGER : null));

        List<ExchangeRate> rateList = new ArrayList<>();
        for (LocalDate day = LocalDate.of(YEAR - 1, 12, 1); day.getYear() <= YEAR; day = day.plusDays(7)) {
            rateList.add(new ExchangeRate("USD", "CNY", day, BigDecimal.valueOf(69_000 + random.nextInt(3_000), 4)));
        }

        List<Credit> credits = new ArrayList<>();
        List<CreditReversal> reversals = new ArrayList<>();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
            boolean usd = random.nextInt(5) == 0;
            long cents = 100 + random.nextLong(60_000_000L);
            Money amount = Money.of(BigDecimal.valueOf(cents, 2), usd ? "USD" : "CNY");
            LocalDate booked = LocalDate.of(YEAR, 1, 1).plusDays(random.nextInt(365));
            List<Payment> payments = new ArrayList<>();
            long left = cents;
            LocalDate paid = booked;
            for (int p = 0; p < 3 && left > 0 && random.nextInt(4) > 0; p++) {
                long part = p == 2 || random.nextBoolean() ? left : 1 + random.nextLong(left);
                paid = paid.plusDays(random.nextInt(120));
                payments.add(new Payment("p" + p, paid, Money.of(BigDecimal.valueOf(part, 2), amount.currency())));
                left -= part;
            }
            String creditId = "c-" + i;
            credits.add(new Credit(creditId, "d-" + i, members.get(random.nextInt(reps)), amount,
                    PRODUCT_LINES[random.nextInt(PRODUCT_LINES.length)], CHANNELS[random.nextInt(CHANNELS.length)], random.nextBoolean(),
                    booked, payments));
            if (random.nextInt(5) == 0) {
                LocalDate on = booked.plusDays(random.nextInt(200));
                boolean onePayment = !payments.isEmpty() && random.nextBoolean();
                reversals.add(onePayment
                        ? CreditReversal.ofPayment(creditId, payments.get(random.nextInt(payments.size())).paymentId(), on, "refund")
                        : CreditReversal.ofCredit(creditId, on, "deal lost"));
            }
        }
        return new Scenario(plan, quotas, teams, credits, reversals, ExchangeRates.of(rateList));
    }

    private static PlanVersion plan(Random random) {
        int tierCount = 1 + random.nextInt(4);
        List<AttainmentTier> tiers = new ArrayList<>();
        int threshold = random.nextInt(60);
        BigDecimal rate = BigDecimal.ZERO;
        for (int t = 0; t < tierCount; t++) {
            rate = rate.add(BigDecimal.valueOf(random.nextInt(200), 2));
            tiers.add(new AttainmentTier(BigDecimal.valueOf(threshold), rate));
            threshold += 10 + random.nextInt(40);
        }
        RateMode mode = random.nextBoolean() ? RateMode.RETROACTIVE : RateMode.MARGINAL;
        PlanVersion.Builder plan = PlanVersion.builder("random", 1, "CNY", new AttainmentRateTable(mode, tiers))
                .rounding(ROUNDINGS[random.nextInt(ROUNDINGS.length)])
                .basis(random.nextBoolean() ? CommissionBasis.BOOKED : CommissionBasis.COLLECTED);
        int gate = random.nextInt(90);
        if (random.nextBoolean()) {
            plan.gate(String.valueOf(gate));
        }
        switch (random.nextInt(3)) {
            case 0 -> plan.cap(new Cap.OnPayout(Money.of(BigDecimal.valueOf(1_000 + random.nextInt(50_000)).setScale(2), "CNY")));
            case 1 -> plan.cap(new Cap.OnAttainment(BigDecimal.valueOf(gate + 10 + random.nextInt(150))));
            default -> { }
        }
        List<Multiplier> multipliers = new ArrayList<>(List.of(
                Multiplier.productLine("B", "1.2"), Multiplier.channel("渠道", "1.35"), Multiplier.newCustomer("1.1")));
        Collections.shuffle(multipliers, random);
        multipliers.subList(0, random.nextInt(4)).forEach(plan::multiplier);
        LocalDate spiffStart = LocalDate.of(YEAR, 1, 1).plusDays(random.nextInt(300));
        if (random.nextBoolean()) {
            plan.spiff(Spiff.percentage("pct", "product B push", spiffStart, spiffStart.plusDays(random.nextInt(120)),
                    DealCriteria.productLine("B"), "1.5"));
        }
        if (random.nextBoolean()) {
            plan.spiff(Spiff.fixed("fixed", "new logos", spiffStart, spiffStart.plusDays(random.nextInt(120)),
                    new DealCriteria(null, null, true), Money.of("300.00", "CNY")));
        }
        if (random.nextBoolean()) {
            plan.teamBonus(new TeamBonus(Money.of(BigDecimal.valueOf(random.nextInt(20_000)).setScale(2), "CNY"),
                    BigDecimal.valueOf(random.nextInt(2000), 2)));
        }
        if (random.nextBoolean()) {
            plan.managerOverride(new ManagerOverride(BigDecimal.valueOf(random.nextInt(500), 2)));
        }
        return plan.build();
    }
}
