package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a target is expected to accrue over its period. By default linearly by day. When the target has
 * been split into consecutive sub-periods (its monthly children), each part is expected to accrue its own
 * share, linearly by day within the part; the shares are the parts' values relative to their sum, so
 * children adjusted without touching the parent still give a curve ending at the parent's value.
 */
public final class Seasonality {

    /** A sub-period and its target value (≥ 0). */
    public record Part(LocalDate start, LocalDate end, BigDecimal value) {
        public Part {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(value, "value");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("part ends " + end + " before it starts " + start);
            }
            if (value.signum() < 0) {
                throw new IllegalArgumentException("part " + start + ".." + end + " has a negative value");
            }
        }

        long days() {
            return ChronoUnit.DAYS.between(start, end) + 1;
        }
    }

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final List<Part> parts;
    private final BigDecimal total;
    private final boolean byParts;

    private Seasonality(List<Part> parts, boolean byParts) {
        this.parts = parts;
        this.byParts = byParts;
        this.total = parts.stream().map(Part::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Linear by day from {@code start} to {@code end}, both inclusive. */
    public static Seasonality linear(LocalDate start, LocalDate end) {
        return new Seasonality(List.of(new Part(start, end, BigDecimal.ONE)), false);
    }

    /**
     * By consecutive parts tiling {@code start..end} exactly; falls back to {@link #linear} when they do not
     * (a gap, an overlap, a part outside the period) or when their values sum to zero.
     */
    public static Seasonality ofParts(LocalDate start, LocalDate end, List<Part> parts) {
        List<Part> sorted = parts.stream().sorted(Comparator.comparing(Part::start)).toList();
        if (!tiles(start, end, sorted) || sorted.stream().allMatch(part -> part.value().signum() == 0)) {
            return linear(start, end);
        }
        return new Seasonality(sorted, true);
    }

    /** Whether the curve follows sub-period values rather than the calendar alone. */
    public boolean byParts() {
        return byParts;
    }

    /**
     * The fraction (0–1) of the target expected by the end of {@code asOf}: 0 before the period, 1 from its
     * last day on.
     */
    public BigDecimal fractionThrough(LocalDate asOf) {
        BigDecimal reached = BigDecimal.ZERO;
        for (Part part : parts) {
            if (asOf.isBefore(part.start())) {
                break;
            }
            BigDecimal weight = part.value().divide(total, PRECISION);
            if (!asOf.isBefore(part.end())) {
                reached = reached.add(weight);
            } else {
                long elapsed = ChronoUnit.DAYS.between(part.start(), asOf) + 1;
                reached = reached.add(weight.multiply(BigDecimal.valueOf(elapsed))
                        .divide(BigDecimal.valueOf(part.days()), PRECISION));
            }
        }
        return reached.min(BigDecimal.ONE);
    }

    /** {@code target × fractionThrough(asOf)}, rounded HALF_UP to {@code scale} decimals (the one rounding point). */
    public BigDecimal expected(BigDecimal target, LocalDate asOf, int scale) {
        if (!asOf.isBefore(parts.getLast().end())) {
            return target.setScale(scale, RoundingMode.HALF_UP);
        }
        return target.multiply(fractionThrough(asOf)).setScale(scale, RoundingMode.HALF_UP);
    }

    private static boolean tiles(LocalDate start, LocalDate end, List<Part> sorted) {
        if (sorted.isEmpty() || !sorted.getFirst().start().equals(start) || !sorted.getLast().end().equals(end)) {
            return false;
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (!sorted.get(i).start().equals(sorted.get(i - 1).end().plusDays(1))) {
                return false;
            }
        }
        return true;
    }
}
