package io.attain.incentive.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The period a finance report covers, as its header shows it.
 *
 * @param status   {@code OPEN}, {@code CALCULATED} or {@code CLOSED}
 * @param closedAt when the period was closed, or {@code null}; a closed period's report is dated by it and by
 *                 nothing else, so that it reads the same byte for byte whenever it is produced
 */
public record ReportPeriod(UUID id, String label, LocalDate start, LocalDate end, String status, Instant closedAt) {
}
