package io.attain.incentive.service;

import io.attain.incentive.domain.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

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
        em.createNativeQuery("select pg_advisory_xact_lock_shared(:key)").setParameter("key", LEDGER_LOCK).getSingleResult();
    }

    /** Taken by the transaction that closes a period. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForClosing() {
        em.createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", LEDGER_LOCK).getSingleResult();
    }

    /** The day a change on {@code businessDay} counts on: that day, or the first day after the closed period holding it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LocalDate effectiveOn(LocalDate businessDay) {
        LocalDate day = businessDay;
        // Periods never overlap, so each step moves past one closed period; the loop ends at the first day no closed period holds.
        for (Optional<Period> closed = Period.closedOn(day); closed.isPresent(); closed = Period.closedOn(day)) {
            day = closed.get().end.plusDays(1);
        }
        return day;
    }

    /**
     * Statements of {@code memberId} in open periods need recalculating; {@code null} for everyone's. The
     * recalculation starts as soon as the transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markStale(String memberId) {
        em.createNativeQuery("insert into statement_staleness (member_id, marked_at) values (cast(:member as varchar), :at)")
                .setParameter("member", memberId).setParameter("at", Instant.now()).executeUpdate();
        recalculateAfterCommit();
    }

    /** {@link #markStale(String)} for several members at once, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markMembersStale(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("insert into statement_staleness (member_id, marked_at) values ");
        for (int i = 0; i < memberIds.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?)");
        }
        var insert = em.createNativeQuery(sql.toString());
        Instant now = Instant.now();
        int parameter = 0;
        for (String memberId : memberIds) {
            insert.setParameter(++parameter, memberId);
            insert.setParameter(++parameter, now);
        }
        insert.executeUpdate();
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
