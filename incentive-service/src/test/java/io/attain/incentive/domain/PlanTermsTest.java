package io.attain.incentive.domain;

import io.attain.events.Money;
import io.attain.incentive.domain.PlanTerms.InvalidPlanTermsException;
import io.attain.incentive.domain.PlanTerms.Violation;
import io.attain.incentive.domain.commission.CommissionBasis;
import io.attain.incentive.domain.commission.MultiplierKind;
import io.attain.incentive.domain.commission.PlanVersion;
import io.attain.incentive.domain.commission.RateMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Plan terms as clients write them, turned into the engine's plan version, or refused field by field. */
class PlanTermsTest {

    private static final List<PlanTerms.Tier> SEED_TIERS = List.of(tier("80", "1"), tier("100", "1.5"), tier("120", "2"));

    @Test
    void seedTermsBecomeTheEnginesPlanVersion() {
        PlanTerms terms = new PlanTerms(null, CommissionBasis.COLLECTED, new PlanTerms.RateTable(RateMode.MARGINAL, SEED_TIERS),
                new BigDecimal("80"), new PlanTerms.CapTerms(PlanTerms.CapKind.ATTAINMENT, null, new BigDecimal("150")),
                List.of(new PlanTerms.MultiplierTerms(MultiplierKind.NEW_CUSTOMER, null, new BigDecimal("1.2"))), null,
                new PlanTerms.TeamBonusTerms(Money.of("12000.00", "CNY"), BigDecimal.TEN), new PlanTerms.ManagerOverrideTerms(BigDecimal.ONE));

        PlanVersion version = terms.toPlanVersion("plan-1", 2, "CNY");

        assertThat(version.version()).isEqualTo(2);
        assertThat(version.rounding()).isEqualTo(RoundingMode.HALF_UP);
        assertThat(version.basis()).isEqualTo(CommissionBasis.COLLECTED);
        assertThat(version.rateTable().tiers()).hasSize(3);
        assertThat(version.multipliers()).singleElement().satisfies(m -> assertThat(m.key()).isEqualTo("NEW_CUSTOMER"));
        assertThat(version.teamBonus().fixedPerMember()).isEqualTo(Money.of("12000.00", "CNY"));
    }

    @Test
    void everyRefusedRuleIsReportedWithItsField() {
        PlanTerms terms = new PlanTerms(null, null, new PlanTerms.RateTable(RateMode.RETROACTIVE,
                List.of(tier("100", "1.5"), tier("80", "1"))), null,
                new PlanTerms.CapTerms(PlanTerms.CapKind.PAYOUT, null, new BigDecimal("150")),
                List.of(new PlanTerms.MultiplierTerms(MultiplierKind.CHANNEL, null, new BigDecimal("1.2"))), null, null,
                new PlanTerms.ManagerOverrideTerms(new BigDecimal("-1")));

        InvalidPlanTermsException refused = catchThrowableOfType(InvalidPlanTermsException.class,
                () -> terms.toPlanVersion("plan-1", 1, "CNY"));

        assertThat(refused.violations()).extracting(Violation::field)
                .containsExactly("rateTable.tiers", "cap", "multipliers[0]", "managerOverride");
        assertThat(refused.violations().getFirst().message()).contains("goes backwards");
    }

    @Test
    void amountsInAnotherCurrencyThanThePlansAreRefused() {
        PlanTerms terms = new PlanTerms(null, null, new PlanTerms.RateTable(RateMode.RETROACTIVE, SEED_TIERS), null,
                new PlanTerms.CapTerms(PlanTerms.CapKind.PAYOUT, Money.of("100.00", "USD"), null), null, null, null, null);

        InvalidPlanTermsException refused = catchThrowableOfType(InvalidPlanTermsException.class,
                () -> terms.toPlanVersion("plan-1", 1, "CNY"));

        assertThat(refused.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("cap");
            assertThat(violation.message()).contains("USD").contains("CNY");
        });
    }

    @Test
    void aMissingRateTableOrNullTierIsNamed() {
        assertThat(catchThrowableOfType(InvalidPlanTermsException.class,
                () -> new PlanTerms(null, null, null, null, null, null, null, null, null).toPlanVersion("p", 1, "CNY"))
                .violations()).extracting(Violation::field).containsExactly("rateTable");
        assertThat(catchThrowableOfType(InvalidPlanTermsException.class,
                () -> new PlanTerms(null, null, new PlanTerms.RateTable(RateMode.MARGINAL, java.util.Arrays.asList(tier("80", "1"), null)),
                        null, null, null, null, null, null).toPlanVersion("p", 1, "CNY"))
                .violations()).extracting(Violation::field).containsExactly("rateTable.tiers[1]");
    }

    private static PlanTerms.Tier tier(String threshold, String rate) {
        return new PlanTerms.Tier(new BigDecimal(threshold), new BigDecimal(rate));
    }
}
