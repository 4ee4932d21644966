package io.attain.bench;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.AttainmentRateTable;
import io.attain.incentive.domain.commission.AttainmentTier;
import io.attain.incentive.domain.commission.Cap;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionPeriod;
import io.attain.incentive.domain.commission.Credit;
import io.attain.incentive.domain.commission.DealCriteria;
import io.attain.incentive.domain.commission.ExchangeRate;
import io.attain.incentive.domain.commission.ExchangeRates;
import io.attain.incentive.domain.commission.ManagerOverride;
import io.attain.incentive.domain.commission.Multiplier;
import io.attain.incentive.domain.commission.PlanVersion;
import io.attain.incentive.domain.commission.RateMode;
import io.attain.incentive.domain.commission.Spiff;
import io.attain.incentive.domain.commission.Team;
import io.attain.incentive.domain.commission.TeamBonus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One quarter of the benchmark's sales organisation: 10,000 reps in 100 teams of 100 (each team with its own
 * manager), a quarterly quota per rep between 600,000 and 1,400,000 CNY, and 1,000,000 credits (100 per rep on
 * average) spread over the quarter: three product lines, two channels, one deal in five with a new customer,
 * one in twenty booked in USD at daily rates. Drawn from a fixed seed, so every run calculates the same quarter.
 *
 * <p>The plan uses every component: seed tiers 80% → 1%, 100% → 1.5%, 120% → 2%, gate at 80%, attainment
 * capped at 200%, multipliers product line B ×1.2 and new customer ×1.1, a 2% SPIFF on product B in March,
 * a team bonus of 12,000 CNY plus 10% of the team's excess, and a 2% manager override.
 */
final class CommissionQuarterFixture {

    static final int TEAMS = 100;
    static final int REPS_PER_TEAM = 100;
    static final int REPS = TEAMS * REPS_PER_TEAM;
    static final int CREDITS = 1_000_000;
    static final CommissionPeriod QUARTER = CommissionPeriod.quarter(2025, 1);

    private static final String[] PRODUCT_LINES = {"A", "B", "services"};
    private static final String[] CHANNELS = {"直销", "渠道"};

    final Map<String, Money> quotas = new LinkedHashMap<>();
    final List<Team> teams = new ArrayList<>();
    final List<Credit> credits = new ArrayList<>(CREDITS);
    final ExchangeRates usdToCny;

    CommissionQuarterFixture() {
        Random random = new Random(20250331L);
        for (int t = 0; t < TEAMS; t++) {
            List<String> members = new ArrayList<>(REPS_PER_TEAM);
            for (int r = 0; r < REPS_PER_TEAM; r++) {
                String rep = "rep-" + t + "-" + r;
                members.add(rep);
                quotas.put(rep, Money.of(BigDecimal.valueOf(600_000 + random.nextInt(800_001)).setScale(2), "CNY"));
            }
            teams.add(new Team("team-" + t, Money.of(BigDecimal.valueOf(100_000_000L).setScale(2), "CNY"), members, "mgr-" + t));
        }
        List<ExchangeRate> rates = new ArrayList<>();
        for (LocalDate day = QUARTER.start(); !day.isAfter(QUARTER.end()); day = day.plusDays(1)) {
            rates.add(new ExchangeRate("USD", "CNY", day, BigDecimal.valueOf(71_000 + random.nextInt(500), 4)));
        }
        usdToCny = ExchangeRates.of(rates);
        int days = (int) (QUARTER.end().toEpochDay() - QUARTER.start().toEpochDay()) + 1;
        for (int i = 0; i < CREDITS; i++) {
            String rep = "rep-" + random.nextInt(TEAMS) + "-" + random.nextInt(REPS_PER_TEAM);
            boolean usd = random.nextInt(20) == 0;
            // deals of 1,000 to 21,000 CNY (or 140 to 3,000 USD), in cents: about 11,000 CNY each, 1,000 per rep's quota
            long cents = usd ? 14_000 + random.nextLong(286_000) : 100_000 + random.nextLong(2_000_000);
            Money amount = Money.of(BigDecimal.valueOf(cents, 2), usd ? "USD" : "CNY");
            LocalDate booked = QUARTER.start().plusDays(random.nextInt(days));
            credits.add(new Credit("credit-" + i, "deal-" + i, rep, amount, PRODUCT_LINES[random.nextInt(3)],
                    CHANNELS[random.nextInt(2)], random.nextInt(5) == 0, booked, List.of()));
        }
    }

    PlanVersion plan(RateMode mode) {
        AttainmentRateTable tiers = AttainmentRateTable.of(mode,
                AttainmentTier.of("80", "1"), AttainmentTier.of("100", "1.5"), AttainmentTier.of("120", "2"));
        return PlanVersion.builder("bench", 1, "CNY", tiers)
                .gate("80")
                .cap(new Cap.OnAttainment(new BigDecimal("200")))
                .multiplier(Multiplier.productLine("B", "1.2"))
                .multiplier(Multiplier.newCustomer("1.1"))
                .spiff(Spiff.percentage("b-march", "product B in March", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31),
                        DealCriteria.productLine("B"), "2"))
                .teamBonus(new TeamBonus(Money.of("12000.00", "CNY"), BigDecimal.TEN))
                .managerOverride(new ManagerOverride(new BigDecimal("2")))
                .build();
    }

    CommissionInput input(RateMode mode) {
        CommissionInput.Builder builder = CommissionInput.builder(plan(mode), QUARTER).exchangeRates(usdToCny).credits(credits);
        quotas.forEach(builder::quota);
        teams.forEach(builder::team);
        return builder.build();
    }
}
