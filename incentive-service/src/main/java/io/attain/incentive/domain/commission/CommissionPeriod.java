package io.attain.incentive.domain.commission;

import java.time.LocalDate;

/**
 * The window a calculation covers, both days included, e.g. {@code 2025-Q1} from 2025-01-01 to 2025-03-31.
 * For a year-to-date plan the window runs from the start of the year to the end of the current period.
 */
public record CommissionPeriod(String label, LocalDate start, LocalDate end) {

    public CommissionPeriod {
        if (label == null || label.isBlank()) {
            throw new InvalidCommissionInputException("a calculation window needs a label");
        }
        if (start == null || end == null || end.isBefore(start)) {
            throw new InvalidCommissionInputException("window " + label + " must run from a date to the same or a later date, got "
                    + start + " to " + end);
        }
    }

    public static CommissionPeriod quarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new InvalidCommissionInputException("a year has quarters 1 to 4, not " + quarter);
        }
        LocalDate start = LocalDate.of(year, 3 * quarter - 2, 1);
        return new CommissionPeriod(year + "-Q" + quarter, start, start.plusMonths(3).minusDays(1));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    public boolean contains(CommissionPeriod other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    public boolean overlaps(CommissionPeriod other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }

    @Override
    public String toString() {
        return label + " (" + start + " to " + end + ")";
    }
}
