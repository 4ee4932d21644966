package io.attain.allocation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The apportionment every engine shares: exact sums, largest remainders first, ties as asked. */
class LargestRemainderTest {

    @Test
    void shouldSplitTheSeedQuarterExactly() {
        long[] months = LargestRemainder.allocate(300_000_000L, IntegerWeights.of(new long[]{8, 10, 12}));

        assertThat(months).containsExactly(80_000_000L, 100_000_000L, 120_000_000L);
    }

    @Test
    void shouldGiveTheLeftoverToTheLargestRemaindersThenToTheFirstPosition() {
        assertThat(LargestRemainder.allocate(100, IntegerWeights.equal(3))).containsExactly(34, 33, 33);
        assertThat(LargestRemainder.allocate(10, IntegerWeights.of(new long[]{1, 2, 3}))).containsExactly(2, 3, 5);
    }

    @Test
    void shouldSettleTiesByTheGivenTieBreak() {
        LargestRemainder.TieBreak lastFirst = (a, b) -> Integer.compare(b, a);

        assertThat(LargestRemainder.allocate(100, IntegerWeights.equal(3), lastFirst)).containsExactly(33, 33, 34);
        assertThat(LargestRemainder.allocate(101, IntegerWeights.equal(3), lastFirst)).containsExactly(33, 34, 34);
    }

    @Test
    void shouldReduceWeightsByTheirCommonDivisor() {
        IntegerWeights percents = IntegerWeights.of(new BigDecimal[]{
                new BigDecimal("20"), new BigDecimal("30"), new BigDecimal("25.00"), new BigDecimal("25")});

        assertThat(percents.size()).isEqualTo(4);
        assertThat(LargestRemainder.allocate(20, percents)).containsExactly(4, 6, 5, 5);
    }

    @Test
    void shouldAgreeWithTheExactReferenceOnRandomInputs() {
        Random random = new Random(20261123L);
        for (int round = 0; round < 2_000; round++) {
            int k = 1 + random.nextInt(40);
            long[] weights = new long[k];
            for (int i = 0; i < k; i++) {
                weights[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000_000);
            }
            weights[random.nextInt(k)] = 1 + random.nextInt(1000);
            long total = Math.abs(random.nextLong() >> random.nextInt(63));
            IntegerWeights integerWeights = IntegerWeights.of(weights);

            long[] fast = LargestRemainder.allocate(total, integerWeights);
            long[] exact = new long[k];
            LargestRemainder.allocateExact(total, integerWeights, exact, 0);
            long[] tieBroken = LargestRemainder.allocate(total, integerWeights, Integer::compare);

            assertThat(fast).containsExactly(exact);
            assertThat(tieBroken).containsExactly(exact);
            assertThat(Arrays.stream(fast).sum()).isEqualTo(total);
            for (int i = 0; i < k; i++) {
                BigInteger share = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i]))
                        .divide(BigInteger.valueOf(Arrays.stream(weights).sum()));
                assertThat(fast[i] - share.longValueExact()).isBetween(0L, 1L);
            }
        }
    }

    @Test
    void shouldUseExactArithmeticWhenProductsOverflowALong() {
        long total = Long.MAX_VALUE / 3;
        long[] parts = LargestRemainder.allocate(total, IntegerWeights.of(new long[]{Long.MAX_VALUE / 7, 5, 1}),
                Integer::compare);

        assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
    }

    @Test
    void shouldRefuseNegativeOrAllZeroWeightsAndNegativeTotals() {
        assertThatThrownBy(() -> IntegerWeights.of(new long[]{1, -1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntegerWeights.of(new long[]{0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.allocate(-1, IntegerWeights.equal(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
