package io.attain.incentive.domain;

import io.attain.allocation.IntegerWeights;
import io.attain.allocation.LargestRemainder;
import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shares an amount out by percentages at the currency's minor unit so that the shares add up exactly to
 * the whole by the largest-remainder method of the {@code allocation} module: every share is first
 * rounded down, then the minor units still missing go one each to the shares that lost the most. Ties go to the smaller member
 * id, so the result does not depend on the order the shares are listed in.
 */
public final class SplitAllocation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SplitAllocation() {
    }

    /**
     * @param total    the whole, with no more decimals than its currency has
     * @param percents member id → percent of the whole, each above 0, together exactly 100
     * @return member id → share, in the order of {@code percents}; the shares sum to {@code total}
     */
    public static Map<String, Money> allocate(Money total, Map<String, BigDecimal> percents) {
        Objects.requireNonNull(total, "total");
        int minorUnits = Money.minorUnits(total.currency());
        if (total.amount().stripTrailingZeros().scale() > minorUnits) {
            throw new IllegalArgumentException(total + " has more decimals than " + total.currency()
                    + " allows (" + minorUnits + "); round it before allocating");
        }
        if (percents.isEmpty()) {
            throw new IllegalArgumentException("nothing to allocate " + total + " to");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> share : percents.entrySet()) {
            if (share.getKey() == null || share.getKey().isBlank()) {
                throw new IllegalArgumentException("a share names no member");
            }
            if (share.getValue() == null || share.getValue().signum() <= 0) {
                throw new IllegalArgumentException("the share of " + share.getKey() + " must be above 0 percent, was "
                        + share.getValue());
            }
            sum = sum.add(share.getValue());
        }
        if (sum.compareTo(HUNDRED) != 0) {
            throw new IllegalArgumentException("shares must add up to 100 percent, they add up to " + sum.toPlainString());
        }

        // Positions in member id order, so that ties go to the smaller member id whatever the listing order.
        List<String> members = percents.keySet().stream().sorted().toList();
        BigDecimal[] weights = members.stream().map(percents::get).toArray(BigDecimal[]::new);
        long units = total.amount().movePointRight(minorUnits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        long[] parts = LargestRemainder.allocate(units, IntegerWeights.of(weights));

        Map<String, Money> byMember = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            byMember.put(members.get(i), Money.of(BigDecimal.valueOf(parts[i], minorUnits), total.currency()));
        }
        Map<String, Money> shares = new LinkedHashMap<>();
        percents.keySet().forEach(member -> shares.put(member, byMember.get(member)));
        return shares;
    }
}
