package io.attain.incentive.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * Dates ledger changes into periods, and keeps them out of closed ones.
 *
 * <p>A change counts on its business day (the day a deal was won, a payment received, a deal lost) unless
 * that day lies in a period already closed: then it counts on the first day after that period (and after any
 * closed periods following it), so it lands in the next open period as an adjustment or clawback and the
 * closed statements never change.
 *
 * <p>Recording a change and closing a period must not interleave (a change dated into a period being closed
 * could be missed by the closing calculation and then never count anywhere), so writers of the ledger take
 * a shared advisory lock and closing takes it exclusively, each until its transaction ends.
 */
@ApplicationScoped
public class LedgerCalendar {

    /** Arbitrary constant naming the advisory lock between ledger writers and period closing. */
    private static final long LEDGER_LOCK = 0x4C4544474552L;

    /** Key of the per-transaction resource saying that the recalculation is woken on commit. */
    private static final Object WAKES_RECALCULATION = new Object();

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<StatementsStale> recalculation;

    /** Taken by every transaction that appends to the ledger or changes quotas. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForRecording() {
        Rows.list(em, "select pg_advisory_xact_lock_shared(?)", (connection, query) -> query.setLong(1, LEDGER_LOCK), row -> true);
    }

    /** Taken by the transaction that closes a period. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForClosing() {
        Rows.list(em, "select pg_advisory_xact_lock(?)", (connection, query) -> query.setLong(1, LEDGER_LOCK), row -> true);
    }

    /** The day a change on {@code businessDay} counts on: that day, or the first day after the closed period holding it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LocalDate effectiveOn(LocalDate businessDay) {
        // The closed periods from that day on, earliest first, in one read: periods never overlap, so each one
        // holding the day moves it past its end; the first that does not leaves the day where it is.
        List<LocalDate[]> closed = Rows.list(em, """
                select period_start, period_end from commission_period where status = 'CLOSED' and period_end >= ?
                order by period_start""", (connection, query) -> query.setObject(1, businessDay),
                row -> new LocalDate[]{row.getObject(1, LocalDate.class), row.getObject(2, LocalDate.class)});
        LocalDate day = businessDay;
        for (LocalDate[] period : closed) {
            if (period[0].isAfter(day)) {
                break;
            }
            day = period[1].plusDays(1);
        }
        return day;
    }

    /**
     * Statements of {@code memberId} in open periods need recalculating; {@code null} for everyone's. The
     * recalculation starts as soon as the transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markStale(String memberId) {
        Rows.update(em, "insert into statement_staleness (member_id, marked_at) values (?, ?)", (connection, insert) -> {
            insert.setString(1, memberId);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
        });
        recalculateAfterCommit();
    }

    /** {@link #markStale(String)} for several members at once, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markMembersStale(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        Rows.update(em, "insert into statement_staleness (member_id, marked_at) select unnest(?), ?", (connection, insert) -> {
            insert.setArray(1, connection.createArrayOf("varchar", memberIds.toArray()));
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
        });
        recalculateAfterCommit();
    }

    /** Once per transaction: the markers are only visible to the recalculation after the commit. */
    private void recalculateAfterCommit() {
        if (transactions.getResource(WAKES_RECALCULATION) == null) {
            transactions.putResource(WAKES_RECALCULATION, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        recalculation.fire(new StatementsStale());
                    }
                }
            });
        }
    }

    /** Fired (synchronously, after the commit) when a transaction marked statements stale. */
    public record StatementsStale() {
    }
}
