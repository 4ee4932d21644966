package io.attain.incentive.domain.commission;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class WeightedAllocationTest {

    @Test
    void aThirdEachLeavesTheLastCentToTheSmallestKey() {
        long[] shares = WeightedAllocation.allocate(100, byKey(List.of("b", "a", "c")), new long[]{1, 1, 1});

        assertThat(shares).containsExactly(33, 34, 33);
    }

    @Test
    void theLeftoverGoesToTheLargestLosses() {
        // 30,000.00 by 1,500,000 / 1,100,000 / 700,000: 13,636.3636…, 10,000.00, 6,363.6363…
        long[] shares = WeightedAllocation.allocate(3_000_000, byKey(List.of("a", "b", "c")), new long[]{150_000_000, 110_000_000, 70_000_000});

        assertThat(shares).containsExactly(1_363_636, 1_000_000, 636_364);
    }

    @Property(tries = 500)
    void sharesAddUpExactlyAndMissTheirExactValueByLessThanOneUnit(
            @ForAll @LongRange(max = 10_000_000_000L) long units,
            @ForAll @Size(min = 1, max = 40) List<@LongRange(max = 1_000_000_000_000L) Long> weights) {
        if (weights.stream().allMatch(weight -> weight == 0)) {
            return;
        }
        List<String> keys = keys(weights.size());
        long[] shares = WeightedAllocation.allocate(units, byKey(keys), weights.stream().mapToLong(Long::longValue).toArray());

        long total = 0;
        BigDecimal weightTotal = BigDecimal.valueOf(weights.stream().mapToLong(Long::longValue).sum());
        for (int i = 0; i < shares.length; i++) {
            total += shares[i];
            BigDecimal exact = BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(weights.get(i))).divide(weightTotal, MathContext.DECIMAL128);
            assertThat(BigDecimal.valueOf(shares[i]).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
        }
        assertThat(total).isEqualTo(units);
    }

    /** Weights too large for {@code long} arithmetic take the exact route and share out the same. */
    @Property(tries = 300)
    void theExactRouteSharesOutLikeTheFastOne(@ForAll @LongRange(max = 100_000_000L) long units,
                                             @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 1, max = 1_000_000L) Long> weights) {
        List<String> keys = keys(weights.size());
        long[] fast = WeightedAllocation.allocate(units, byKey(keys), weights.stream().mapToLong(Long::longValue).toArray());
        BigDecimal[] huge = weights.stream().map(weight -> BigDecimal.valueOf(weight).movePointRight(20)).toArray(BigDecimal[]::new);
        BigDecimal[] scaled = weights.stream().map(weight -> BigDecimal.valueOf(weight, 6)).toArray(BigDecimal[]::new);

        assertThat(WeightedAllocation.allocate(units, byKey(keys), huge)).containsExactly(fast);
        assertThat(WeightedAllocation.allocate(units, byKey(keys), scaled)).containsExactly(fast);
    }

    /** Keys ordered by the hash of the credit id, then the id, then the payment (a credit before its payments). */
    @Property(tries = 200)
    void mergedAttributionsAreSortedByKeyAndSummed(@ForAll long seed) {
        Random random = new Random(seed);
        List<Attribution> parts = new ArrayList<>();
        TreeMap<CreditKey, Long> expected = new TreeMap<>(Comparator
                .comparingInt((CreditKey key) -> key.creditId().hashCode())
                .thenComparing(CreditKey::creditId)
                .thenComparing(CreditKey::paymentId, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (int p = 0; p < 1 + random.nextInt(5); p++) {
            int size = random.nextInt(30);
            String[] creditIds = new String[size];
            String[] paymentIds = new String[size];
            int[] hashes = new int[size];
            String[] deals = new String[size];
            long[] units = new long[size];
            for (int i = 0; i < size; i++) {
                // a few ids, some sharing a hash ("Aa" and "BB" do), some with payments
                creditIds[i] = List.of("Aa", "BB", "c-1", "c-2", "c-10", "AaAa", "BBBB", "AaBB").get(random.nextInt(8));
                paymentIds[i] = random.nextBoolean() ? null : "p" + random.nextInt(3);
                hashes[i] = creditIds[i].hashCode();
                deals[i] = "deal-" + creditIds[i];
                units[i] = random.nextInt(1000) - 200;
                expected.merge(new CreditKey(creditIds[i], paymentIds[i]), units[i], Long::sum);
            }
            parts.add(new Attribution(creditIds, paymentIds, hashes, deals, units));
        }
        Collections.shuffle(parts, random);

        Attribution merged = Attribution.merge(parts);

        List<CreditKey> keys = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            keys.add(new CreditKey(merged.creditIds[i], merged.paymentIds[i]));
        }
        assertThat(keys).containsExactlyElementsOf(expected.keySet());
        assertThat(merged.units).containsExactly(expected.values().stream().mapToLong(Long::longValue).toArray());
    }

    private static WeightedAllocation.TieBreak byKey(List<String> keys) {
        return (a, b) -> keys.get(a).compareTo(keys.get(b));
    }

    private static List<String> keys(int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(String.format("k-%03d", i));
        }
        return keys;
    }
}
