package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.time.LocalDate;

/** The seed examples (seed 003, 阶梯式提成 + 团队奖) as plan versions and inputs shared by the engine tests. */
final class SeedPlans {

    static final String CNY = "CNY";
    static final CommissionPeriod Q1 = CommissionPeriod.quarter(2025, 1);
    static final CommissionPeriod Q2 = CommissionPeriod.quarter(2025, 2);
    static final CommissionPeriod Q3 = CommissionPeriod.quarter(2025, 3);
    static final CommissionPeriod Q4 = CommissionPeriod.quarter(2025, 4);
    static final Money QUARTERLY_QUOTA = cny("1000000.00");
    static final Money TEAM_TARGET = cny("3000000.00");
    /** One month's base pay, the fixed bonus (达标奖) when the team reaches its target. */
    static final Money MONTH_OF_BASE_PAY = cny("12000.00");

    static final AttainmentRateTable SEED_TIERS_RETROACTIVE = AttainmentRateTable.of(RateMode.RETROACTIVE,
            AttainmentTier.of("80", "1"), AttainmentTier.of("100", "1.5"), AttainmentTier.of("120", "2"));
    static final AttainmentRateTable SEED_TIERS_MARGINAL = AttainmentRateTable.of(RateMode.MARGINAL,
            AttainmentTier.of("80", "1"), AttainmentTier.of("100", "1.5"), AttainmentTier.of("120", "2"));

    private SeedPlans() {
    }

    static Money cny(String amount) {
        return Money.of(amount, CNY);
    }

    /** Tiers 80% → 1%, 100% → 1.5%, 120% → 2%, gate at 80%, paid in CNY. */
    static PlanVersion.Builder seedPlan(RateMode mode) {
        return PlanVersion.builder("seed-003", 1, CNY, mode == RateMode.RETROACTIVE ? SEED_TIERS_RETROACTIVE : SEED_TIERS_MARGINAL)
                .gate("80");
    }

    static Credit booked(String creditId, String memberId, String amount, LocalDate bookedOn) {
        return Credit.booked(creditId, "deal-" + creditId, memberId, cny(amount), bookedOn);
    }

    static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }
}
