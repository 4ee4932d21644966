package io.attain.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Data of every event on {@code incentive.commission-events.v1}: a member's statement calculated in a
 * period, or a period closed (locked for payout).
 *
 * @param periodId       the aggregate id (also the Kafka key and {@code ce_subject})
 * @param version        the period's event version; each event of the period increments it
 * @param status         the period's status after the change: {@code OPEN}, {@code CALCULATED} or {@code CLOSED}
 * @param runId          the calculation run whose statements the event describes
 * @param runNumber      that run's number within the period (1, 2, …)
 * @param memberId       for {@code statement.calculated}: whose statement; {@code null} for {@code period.closed}
 * @param planId         for {@code statement.calculated}: the plan that paid it; otherwise {@code null}
 * @param planVersion    for {@code statement.calculated}: that plan's version number; otherwise {@code null}
 * @param totals         for {@code statement.calculated}: the statement total (one entry); for {@code period.closed}:
 *                       the sum of the period's statement totals, one entry per currency
 * @param statementCount how many statements the event covers: 1, or every statement of the closed period
 * @param occurredAt     when the calculation or the closing happened
 */
public record CommissionEvent(
        UUID periodId,
        long version,
        String periodName,
        LocalDate periodStart,
        LocalDate periodEnd,
        String status,
        UUID runId,
        int runNumber,
        String memberId,
        UUID planId,
        Integer planVersion,
        List<Money> totals,
        int statementCount,
        Instant occurredAt) {

    public CommissionEvent {
        totals = totals == null ? List.of() : List.copyOf(totals);
    }
}
