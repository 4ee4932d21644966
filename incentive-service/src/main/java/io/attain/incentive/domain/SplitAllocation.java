package io.attain.incentive.domain;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shares an amount out by percentages at the currency's minor unit so that the shares add up exactly to
 * the whole (largest-remainder method): every share is first rounded down, then the minor units still
 * missing go one each to the shares that lost the most by rounding down. Ties go to the smaller member
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

        BigDecimal units = total.amount().movePointRight(minorUnits).setScale(0, RoundingMode.UNNECESSARY);
        List<Part> parts = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> share : percents.entrySet()) {
            BigDecimal exact = units.multiply(share.getValue()).divide(HUNDRED);
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            parts.add(new Part(share.getKey(), floor, exact.subtract(floor)));
            allocated = allocated.add(floor);
        }
        // Fewer than parts.size() units are left, because each share lost less than one unit.
        int leftover = units.subtract(allocated).intValueExact();
        List<Part> byLoss = parts.stream()
                .sorted(Comparator.comparing(Part::loss).reversed().thenComparing(Part::memberId))
                .toList();
        Map<String, BigDecimal> extra = new LinkedHashMap<>();
        for (int i = 0; i < leftover; i++) {
            extra.put(byLoss.get(i).memberId(), BigDecimal.ONE);
        }

        Map<String, Money> shares = new LinkedHashMap<>();
        for (Part part : parts) {
            BigDecimal share = part.floor().add(extra.getOrDefault(part.memberId(), BigDecimal.ZERO));
            shares.put(part.memberId(), Money.of(share.movePointLeft(minorUnits).setScale(minorUnits), total.currency()));
        }
        return shares;
    }

    private record Part(String memberId, BigDecimal floor, BigDecimal loss) {
    }
}
