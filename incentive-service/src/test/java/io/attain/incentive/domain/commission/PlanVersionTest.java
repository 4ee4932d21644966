package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import static io.attain.incentive.domain.commission.SeedPlans.SEED_TIERS_RETROACTIVE;
import static io.attain.incentive.domain.commission.SeedPlans.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanVersionTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2025, 3, 1);
    private static final LocalDate MARCH_31 = LocalDate.of(2025, 3, 31);

    private static PlanVersion.Builder plan() {
        return PlanVersion.builder("p-1", 2, "CNY", SEED_TIERS_RETROACTIVE);
    }

    @Test
    void defaultsToHalfUpRoundingAndTheBookedBasis() {
        PlanVersion plan = plan().build();

        assertThat(plan.rounding()).isEqualTo(RoundingMode.HALF_UP);
        assertThat(plan.basis()).isEqualTo(CommissionBasis.BOOKED);
        assertThat(plan.multipliers()).isEmpty();
    }

    @Test
    void refusesAnUnknownCurrency() {
        assertThatThrownBy(() -> PlanVersion.builder("p-1", 2, "XYZ", SEED_TIERS_RETROACTIVE).build())
                .isInstanceOf(InvalidPlanException.class).hasMessage("plan p-1 v2: 'XYZ' is not an ISO-4217 currency");
    }

    @Test
    void refusesRoundingThatCannotRound() {
        assertThatThrownBy(() -> plan().rounding(RoundingMode.UNNECESSARY).build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("plan p-1 v2: rounding UNNECESSARY cannot round a commission line; use e.g. HALF_UP");
    }

    @Test
    void refusesVersionZero() {
        assertThatThrownBy(() -> PlanVersion.builder("p-1", 0, "CNY", SEED_TIERS_RETROACTIVE).build())
                .isInstanceOf(InvalidPlanException.class).hasMessage("plan p-1 v0: versions start at 1");
    }

    @Test
    void refusesANegativeGate() {
        assertThatThrownBy(() -> plan().gate("-5").build())
                .isInstanceOf(InvalidPlanException.class).hasMessage("plan p-1 v2: the gate must be 0% or more, was -5");
    }

    @Test
    void refusesAnAttainmentCapBelowTheGate() {
        assertThatThrownBy(() -> plan().gate("80").cap(new Cap.OnAttainment(new BigDecimal("75"))).build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("plan p-1 v2: the attainment cap 75% lies below the gate 80%, so nothing could ever be paid");
    }

    @Test
    void refusesAPayoutCapInAnotherCurrency() {
        assertThatThrownBy(() -> plan().cap(new Cap.OnPayout(Money.of("5000.00", "USD"))).build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("plan p-1 v2: the payout cap is in USD, the plan pays in CNY");
    }

    @Test
    void refusesTwoMultipliersForTheSameThing() {
        assertThatThrownBy(() -> plan().multiplier(Multiplier.productLine("B", "1.2")).multiplier(Multiplier.productLine("B", "1.5")).build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("plan p-1 v2: two multipliers for PRODUCT_LINE=B overlap; give each one factor");
    }

    @Test
    void refusesMultipliersWithoutWhatTheyApplyToOrWithANonPositiveFactor() {
        assertThatThrownBy(() -> Multiplier.channel(" ", "1.2"))
                .isInstanceOf(InvalidPlanException.class).hasMessage("a CHANNEL multiplier needs the channel it applies to");
        assertThatThrownBy(() -> Multiplier.newCustomer("0"))
                .isInstanceOf(InvalidPlanException.class).hasMessage("the factor of multiplier NEW_CUSTOMER must be above 0, was 0");
    }

    @Test
    void refusesASpiffPayingBothOrNeither() {
        assertThatThrownBy(() -> new Spiff("s-1", "push", MARCH_1, MARCH_31, null, cny("100.00"), BigDecimal.ONE))
                .isInstanceOf(InvalidPlanException.class).hasMessage("SPIFF s-1 must pay either a fixed amount per deal or a percentage, not both");
        assertThatThrownBy(() -> new Spiff("s-1", "push", MARCH_1, MARCH_31, null, null, null))
                .isInstanceOf(InvalidPlanException.class).hasMessage("SPIFF s-1 must pay either a fixed amount per deal or a percentage, not neither");
    }

    @Test
    void refusesASpiffThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> Spiff.percentage("s-1", "push", MARCH_31, MARCH_1, DealCriteria.any(), "2"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("SPIFF s-1 must run from a date to the same or a later date, got 2025-03-31 to 2025-03-01");
    }

    @Test
    void refusesTwoSpiffsWithOneId() {
        Spiff spiff = Spiff.percentage("s-1", "push", MARCH_1, MARCH_31, DealCriteria.any(), "2");
        assertThatThrownBy(() -> plan().spiff(spiff).spiff(spiff).build())
                .isInstanceOf(InvalidPlanException.class).hasMessage("plan p-1 v2: two SPIFFs share the id s-1");
    }

    @Test
    void refusesMoreMultipliersThanAPlanTakes() {
        PlanVersion.Builder builder = plan();
        for (int i = 0; i <= PlanVersion.MAX_RULES; i++) {
            builder.multiplier(Multiplier.productLine("line-" + i, "1.1"));
        }
        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidPlanException.class).hasMessage("plan p-1 v2: 65 multipliers; a plan takes at most 64");
    }

    @Test
    void refusesNegativeTeamBonusesAndOverrides() {
        assertThatThrownBy(() -> new TeamBonus(cny("-1.00"), BigDecimal.TEN))
                .isInstanceOf(InvalidPlanException.class).hasMessage("the fixed team bonus must be zero or more, was -1.00 CNY");
        assertThatThrownBy(() -> new TeamBonus(cny("100.00"), new BigDecimal("-1")))
                .isInstanceOf(InvalidPlanException.class).hasMessage("the team excess pool must be 0% or more, was -1");
        assertThatThrownBy(() -> new ManagerOverride(new BigDecimal("-2")))
                .isInstanceOf(InvalidPlanException.class).hasMessage("a manager override must be 0% or more, was -2");
    }
}
