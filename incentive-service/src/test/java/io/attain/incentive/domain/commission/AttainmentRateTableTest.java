package io.attain.incentive.domain.commission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static io.attain.incentive.domain.commission.SeedPlans.SEED_TIERS_MARGINAL;
import static io.attain.incentive.domain.commission.SeedPlans.SEED_TIERS_RETROACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class AttainmentRateTableTest {

    private static final BigDecimal QUOTA = new BigDecimal("1000000.00");

    @ParameterizedTest(name = "RETROACTIVE {0} → {1}")
    @CsvSource({
            "0.00,          0",
            "799999.99,     0",
            "800000.00,     8000.00",
            "850000.00,     8500.00",
            "999999.99,     9999.9999",
            "1000000.00,    15000.00",
            "1100000.00,    16500.00",
            "1199999.99,    17999.99985",
            "1200000.00,    24000.00",
            "1250000.00,    25000.00",
            "5000000.00,    100000.00",
    })
    void retroactiveCommissionIsTheWholeCreditAtTheRateReached(String credited, String commission) {
        assertThat(SEED_TIERS_RETROACTIVE.commission(new BigDecimal(credited), QUOTA)).isEqualByComparingTo(commission);
    }

    @ParameterizedTest(name = "MARGINAL {0} → {1}")
    @CsvSource({
            "0.00,          0",
            "800000.00,     0",
            "850000.00,     500.00",
            "1000000.00,    2000.00",
            "1100000.00,    3500.00",
            "1200000.00,    5000.00",
            "1250000.00,    6000.00",
            "2000000.00,    21000.00",
    })
    void marginalCommissionPaysEachSliceAtItsOwnRate(String credited, String commission) {
        assertThat(SEED_TIERS_MARGINAL.commission(new BigDecimal(credited), QUOTA)).isEqualByComparingTo(commission);
    }

    @Test
    void marginalSlicesSayWhereEachStartsAndEnds() {
        List<AttainmentRateTable.TierSlice> slices = SEED_TIERS_MARGINAL.slices(new BigDecimal("1250000.00"), QUOTA);

        assertThat(slices).extracting(slice -> slice.tier().thresholdPercent().toPlainString(), slice -> slice.basis().stripTrailingZeros().toPlainString())
                .containsExactly(
                        tuple("80", "200000"),
                        tuple("100", "200000"),
                        tuple("120", "50000"));
        assertThat(slices.getLast().to()).isNull();
    }

    @Test
    void aTierFromZeroPaysFromTheFirstYuan() {
        AttainmentRateTable table = AttainmentRateTable.of(RateMode.MARGINAL, AttainmentTier.of("0", "0.5"), AttainmentTier.of("100", "1"));

        assertThat(table.commission(new BigDecimal("500000.00"), QUOTA)).isEqualByComparingTo("2500.00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same threshold twice   | 80:1,80:1.5          | tiers 1 and 2 overlap: both start at 80%; thresholds must strictly increase",
            "threshold goes back    | 100:1.5,80:1         | tier 2 (80% → 1%) goes backwards: its threshold lies below tier 1 (100% → 1.5%); thresholds must strictly increase",
            "rate goes back         | 80:2,100:1.5         | tier 2 (100% → 1.5%) goes backwards: its rate lies below tier 1 (80% → 2%); rates must not fall as attainment rises",
            "negative rate          | 80:-1                | tier rate -1% at threshold 80% is negative",
            "negative threshold     | -10:1                | tier threshold -10% is negative",
    })
    void tablesThatOverlapOrGoBackwardsAreRefusedWithAPreciseMessage(String name, String tiers, String message) {
        assertThatThrownBy(() -> new AttainmentRateTable(RateMode.RETROACTIVE, parse(tiers)))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage(message);
    }

    @Test
    void aTableNeedsATier() {
        assertThatThrownBy(() -> new AttainmentRateTable(RateMode.MARGINAL, List.of()))
                .isInstanceOf(InvalidPlanException.class).hasMessage("a rate table needs at least one tier");
    }

    private static List<AttainmentTier> parse(String tiers) {
        return Arrays.stream(tiers.split(","))
                .map(tier -> tier.trim().split(":"))
                .map(parts -> AttainmentTier.of(parts[0], parts[1]))
                .toList();
    }
}
