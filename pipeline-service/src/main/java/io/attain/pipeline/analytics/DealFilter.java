package io.attain.pipeline.analytics;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Which deals a report covers.
 *
 * @param owners      the owners covered; empty for every owner (finance, admin), an empty set for nobody
 * @param productLine exact product line, or {@code null}
 * @param region      exact region, or {@code null}
 * @param from        first day of the period (inclusive), or {@code null} for no lower bound
 * @param to          last day of the period (inclusive), or {@code null} for no upper bound
 */
public record DealFilter(Optional<Set<String>> owners, String productLine, String region, PeriodBasis periodBy,
                         LocalDate from, LocalDate to) {

    /** Whether the filter leaves no deal to look at, so the database need not be asked. */
    public boolean coversNobody() {
        return owners.isPresent() && owners.get().isEmpty();
    }
}
