package io.attain.targets.domain.plan;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a TIME key of a decomposition stands for, within its parent node's period. Keys are what
 * planners write, so several spellings are understood:
 *
 * <ul>
 *   <li>{@code Q1}..{@code Q4}, {@code H1}, {@code H2}, {@code M1}..{@code M12}: the n-th quarter, half or month
 *       counted from the start of the parent's period (so a fiscal year starting in April works);</li>
 *   <li>{@code Jan}..{@code Dec}, {@code January}.., {@code 1月}..{@code 12月}: that calendar month, the first
 *       time it occurs within the parent's period;</li>
 *   <li>{@code 2026-03} (a month), {@code 2026-Q2} (a calendar quarter), {@code 2026-01-01..2026-02-15} (any range).</li>
 * </ul>
 *
 * A key whose period does not lie within the parent's period is refused, as is a key of no known form.
 */
public final class PeriodKeys {

    private static final Pattern RELATIVE = Pattern.compile("([QHM])(\\d{1,2})");
    private static final Pattern CALENDAR_QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern CHINESE_MONTH = Pattern.compile("(\\d{1,2})月");
    private static final Map<String, Integer> MONTHS_PER_UNIT = Map.of("Q", 3, "H", 6, "M", 1);

    private PeriodKeys() {
    }

    /** Why a key could not be read as a period. */
    public static final class UnknownPeriodKey extends RuntimeException {
        public UnknownPeriodKey(String message) {
            super(message);
        }
    }

    public static Period resolve(String key, Period parent) {
        Period period = read(key.strip(), parent).orElseThrow(() -> new UnknownPeriodKey("'" + key
                + "' is not a period: write Q1..Q4, H1/H2, M1..M12, Jan..Dec, 1月..12月, 2026-03, 2026-Q2 or 2026-01-01..2026-03-31"));
        if (!parent.contains(period)) {
            throw new UnknownPeriodKey("'" + key + "' (" + period + ") does not lie within " + parent);
        }
        return period;
    }

    private static Optional<Period> read(String key, Period parent) {
        String upper = key.toUpperCase(Locale.ROOT);
        Matcher relative = RELATIVE.matcher(upper);
        if (relative.matches()) {
            int months = MONTHS_PER_UNIT.get(relative.group(1));
            int n = Integer.parseInt(relative.group(2));
            if (n < 1 || n * months > 12) {
                return Optional.empty();
            }
            LocalDate start = parent.start().plusMonths((long) (n - 1) * months);
            return Optional.of(new Period(start, start.plusMonths(months).minusDays(1)));
        }
        Matcher quarter = CALENDAR_QUARTER.matcher(upper);
        if (quarter.matches()) {
            LocalDate start = LocalDate.of(Integer.parseInt(quarter.group(1)), (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1, 1);
            return Optional.of(new Period(start, start.plusMonths(3).minusDays(1)));
        }
        Matcher range = RANGE.matcher(key);
        if (range.matches()) {
            try {
                LocalDate start = LocalDate.parse(range.group(1));
                LocalDate end = LocalDate.parse(range.group(2));
                return end.isBefore(start) ? Optional.empty() : Optional.of(new Period(start, end));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        try {
            YearMonth month = YearMonth.parse(key);
            return Optional.of(new Period(month.atDay(1), month.atEndOfMonth()));
        } catch (DateTimeParseException e) {
            // not a yyyy-MM month: try month names
        }
        return monthNamed(key).map(month -> firstOccurrence(month, parent));
    }

    private static Optional<Month> monthNamed(String key) {
        Matcher chinese = CHINESE_MONTH.matcher(key);
        if (chinese.matches()) {
            int n = Integer.parseInt(chinese.group(1));
            return n >= 1 && n <= 12 ? Optional.of(Month.of(n)) : Optional.empty();
        }
        String upper = key.toUpperCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (upper.length() >= 3 && month.name().startsWith(upper)) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }

    /** The whole calendar month starting on or after the parent's start (a month partly outside is refused later). */
    private static Period firstOccurrence(Month month, Period parent) {
        YearMonth candidate = YearMonth.from(parent.start()).withMonth(month.getValue());
        if (candidate.atDay(1).isBefore(YearMonth.from(parent.start()).atDay(1))) {
            candidate = candidate.plusYears(1);
        }
        return new Period(candidate.atDay(1), candidate.atEndOfMonth());
    }
}
