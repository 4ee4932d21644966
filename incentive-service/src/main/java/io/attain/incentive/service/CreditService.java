package io.attain.incentive.service;

import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.incentive.domain.CreditEntry;
import io.attain.incentive.domain.CreditEntryFact;
import io.attain.incentive.domain.CreditKind;
import io.attain.incentive.domain.DealPayment;
import io.attain.incentive.domain.CreditRule;
import io.attain.incentive.domain.CreditRule.ActiveCredit;
import io.attain.incentive.domain.CreditRule.Posting;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.inbox.Inbox;
import io.attain.support.inbox.IncomingEvent;
import io.attain.support.inbox.MalformedEventException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static java.util.stream.Collectors.toSet;

/**
 * The credit ledger: deal events from pipeline-service are turned into credit entries by
 * {@link CreditRule}, in one transaction with their inbox receipt, so a repeated or stale event changes
 * nothing.
 */
@ApplicationScoped
@Transactional
public class CreditService {

    /** The inbox name of this use of deal events. */
    static final String CONSUMER = "credits";
    private static final Logger LOG = Logger.getLogger(CreditService.class);
    /** Bounds of the credit_entry columns; an event beyond them could never be stored, however often retried. */
    private static final int LONGEST_MEMBER_ID = 255;
    /** Bound of the deal attributes kept in credit_entry_fact. */
    private static final int LONGEST_ATTRIBUTE = 255;
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    @Inject
    Inbox inbox;

    @Inject
    MemberAccess access;

    @Inject
    LedgerCalendar calendar;

    @Inject
    EntityManager em;

    /**
     * Applies one record of {@code pipeline.deal-events.v1}.
     *
     * @throws MalformedEventException when the record is not a deal event that can be credited
     */
    public void apply(ConsumerRecord<String, String> record) {
        applyAll(List.of(record));
    }

    /**
     * Applies records of {@code pipeline.deal-events.v1}, in order, in this one transaction: one inbox check for
     * all, one read of the deals' active credits, the entries appended in JDBC batches, and each member whose
     * statements changed marked stale once. Events of one deal later in the list see the entries of the earlier
     * ones, exactly as if they were applied one at a time.
     *
     * @throws MalformedEventException when one of the records is not a deal event that can be credited (nothing of
     *                                 the others is recorded either: the caller applies them one at a time)
     */
    public void applyAll(List<ConsumerRecord<String, String>> records) {
        List<IncomingEvent> events = inbox.receiveAll(CONSUMER, records, EventTypes.DEAL_EVENTS).stream()
                .flatMap(Optional::stream).toList();
        if (events.isEmpty()) {
            return;
        }
        List<Change> changes = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            DealEvent data = event.data(DealEvent.class);
            changes.add(new Change(event, data, snapshotOf(event, data)));
        }
        calendar.lockForRecording();
        Map<UUID, List<ActiveCredit>> active = activeOn(changes.stream().map(change -> change.deal().id()).collect(toSet()));
        // Closed periods cannot change while the recording lock is held: each day is dated once per batch.
        Map<LocalDate, LocalDate> effective = new HashMap<>();
        LedgerAppends appends = new LedgerAppends();
        Set<String> affected = new TreeSet<>();
        for (Change change : changes) {
            IncomingEvent event = change.event();
            DealSnapshot deal = change.deal();
            List<ActiveCredit> standing = active.computeIfAbsent(deal.id(), id -> new ArrayList<>());
            List<Posting> postings;
            try {
                postings = CreditRule.postings(deal, standing);
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("event " + event.id() + ": " + e.getMessage(), e);
            }
            postings.forEach(posting -> requireStorable(event, posting));
            if ((deal.productLine() != null && deal.productLine().length() > LONGEST_ATTRIBUTE)
                    || (deal.channel() != null && deal.channel().length() > LONGEST_ATTRIBUTE)) {
                throw new MalformedEventException("deal event " + event.id() + " has a product line or channel longer than "
                        + LONGEST_ATTRIBUTE + " characters");
            }
            Instant now = Instant.now();
            DealEvent data = change.data();
            LocalDate changedOn = dayOf(data.occurredAt() != null ? data.occurredAt() : event.time() != null ? event.time() : now);
            LocalDate bookedOn = deal.wonAt() != null ? dayOf(deal.wonAt()) : changedOn;
            boolean firstCredit = standing.isEmpty();
            // Whose statements this event changes: members credited or reversed, and on a payment everyone credited.
            for (Posting posting : postings) {
                CreditEntry entry = new CreditEntry();
                entry.id = UUID.randomUUID();
                entry.memberId = posting.memberId();
                entry.dealId = deal.id();
                entry.kind = posting.kind();
                entry.amount = posting.amount().amount();
                entry.currency = posting.amount().currency();
                entry.dealVersion = deal.version();
                entry.sourceEventId = event.id();
                entry.reversesEntryId = posting.reversesEntryId();
                entry.recordedAt = now;
                LocalDate businessOn = posting.kind() == CreditKind.CREDIT ? bookedOn : changedOn;
                CreditEntryFact fact = new CreditEntryFact();
                fact.entryId = entry.id;
                fact.businessOn = businessOn;
                fact.effectiveOn = effective.computeIfAbsent(businessOn, calendar::effectiveOn);
                fact.productLine = deal.productLine();
                fact.channel = deal.channel();
                fact.newCustomer = deal.newCustomer();
                fact.reason = reasonOf(posting, deal, firstCredit);
                appends.add(entry, fact);
                if (posting.kind() == CreditKind.REVERSAL) {
                    standing.removeIf(credit -> credit.entryId().equals(posting.reversesEntryId()));
                } else {
                    standing.add(new ActiveCredit(entry.id, entry.memberId, entry.money()));
                }
                affected.add(posting.memberId());
            }
            if (data.payment() != null) {
                // A payment is shared by the deal's credits as stored: the entries so far must be written first.
                appends.write(em);
                if (recordPayment(event, data.payment(), deal, now)) {
                    standing.forEach(credit -> affected.add(credit.memberId()));
                }
            }
            if (!postings.isEmpty()) {
                LOG.debugf("Deal %s v%d (%s): %d credit entries appended", deal.id(), deal.version(), deal.stage(),
                        postings.size());
            }
        }
        int entries = appends.write(em);
        calendar.markMembersStale(affected);
        LOG.infof("%d deal events applied: %d credit entries appended, %d members' statements to recalculate", changes.size(),
                entries, affected.size());
    }

    /** One fresh deal event, read. */
    private record Change(IncomingEvent event, DealEvent data, DealSnapshot deal) {
    }

    /**
     * Credits of the deals that no reversal has cancelled yet, in append order, by deal, in one statement for all
     * the deals of a batch (their ids as one array parameter).
     */
    private Map<UUID, List<ActiveCredit>> activeOn(Set<UUID> deals) {
        Map<UUID, List<ActiveCredit>> active = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select c.deal_id, c.id, c.member_id, c.amount, c.currency from credit_entry c
                    where c.deal_id = any (?) and c.kind = 'CREDIT'
                    and not exists (select 1 from credit_entry r where r.reverses_entry_id = c.id)
                    order by c.seq""")) {
                query.setArray(1, connection.createArrayOf("uuid", deals.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        active.computeIfAbsent(rows.getObject(1, UUID.class), deal -> new ArrayList<>())
                                .add(new ActiveCredit(rows.getObject(2, UUID.class), rows.getString(3),
                                        Money.of(rows.getBigDecimal(4), rows.getString(5)).rounded(RoundingMode.UNNECESSARY)));
                    }
                }
            }
        });
        return active;
    }

    /**
     * Records a payment (回款) or its reversal on the deal, once: a payment id seen before, or a second refund
     * of one payment, changes nothing. A refund of a payment never recorded is logged and skipped, since there
     * is nothing to take back.
     *
     * @return whether anything was recorded
     */
    private boolean recordPayment(IncomingEvent event, PaymentChange change, DealSnapshot deal, Instant now) {
        if (change.paymentId() == null || change.amount() == null || change.receivedOn() == null) {
            throw new MalformedEventException("deal event " + event.id() + " carries an incomplete payment");
        }
        if (DealPayment.findById(change.paymentId()) != null) {
            LOG.debugf("Deal %s: payment %s recorded before, skipped", deal.id(), change.paymentId());
            return false;
        }
        if (change.amount().isNegative() || change.amount().isZero()
                || change.amount().amount().abs().compareTo(LARGEST_AMOUNT) >= 0) {
            throw new MalformedEventException("deal event " + event.id() + " carries a payment of " + change.amount());
        }
        if (change.reversal()) {
            if (change.reversedPaymentId() == null) {
                throw new MalformedEventException("deal event " + event.id() + " reverses a payment without naming it");
            }
            if (DealPayment.findById(change.reversedPaymentId()) == null
                    || DealPayment.count("reversesPaymentId", change.reversedPaymentId()) > 0) {
                LOG.warnf("Deal %s: refund %s of payment %s skipped (payment unknown or already refunded)", deal.id(),
                        change.paymentId(), change.reversedPaymentId());
                return false;
            }
        }
        DealPayment payment = new DealPayment();
        payment.id = change.paymentId();
        payment.dealId = deal.id();
        payment.amount = change.amount().amount();
        payment.currency = change.amount().currency();
        payment.receivedOn = change.receivedOn();
        payment.effectiveOn = calendar.effectiveOn(change.receivedOn());
        payment.reversesPaymentId = change.reversal() ? change.reversedPaymentId() : null;
        Long newestCredit = CreditEntry.getEntityManager()
                .createQuery("select max(e.seq) from CreditEntry e where e.dealId = :deal", Long.class)
                .setParameter("deal", deal.id()).getSingleResult();
        payment.creditSeq = newestCredit == null ? 0 : newestCredit;
        payment.sourceEventId = event.id();
        payment.recordedAt = now;
        payment.persist();
        LOG.infof("Deal %s: %s %s of %s recorded", deal.id(), change.reversal() ? "refund" : "payment", change.paymentId(),
                change.amount());
        return true;
    }

    private static String reasonOf(Posting posting, DealSnapshot deal, boolean firstCredit) {
        if (posting.kind() == CreditKind.CREDIT) {
            return firstCredit ? "deal won" : "deal changed";
        }
        if ("LOST".equals(deal.stage())) {
            return "deal lost";
        }
        return deal.isBooked() ? "deal changed" : "deal reopened";
    }

    /** Business days are UTC days, like the dates in the events. */
    private static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MemberCredits credits(String memberId, PageParams page) {
        access.requireVisible(memberId);
        var query = CreditEntry.<CreditEntry>find("memberId", Sort.descending("seq"), memberId);
        Page<CreditEntry> entries = new Page<>(query.page(page.page, page.size).list(), page.page, page.size,
                query.count());
        return new MemberCredits(memberId, entries, netPerCurrency(memberId));
    }

    private static List<Money> netPerCurrency(String memberId) {
        return CreditEntry.getEntityManager().createQuery("""
                        select e.currency, sum(e.amount) from CreditEntry e where e.memberId = :member
                        group by e.currency order by e.currency""", Object[].class)
                .setParameter("member", memberId)
                .getResultList().stream()
                .map(row -> Money.of((BigDecimal) row[1], (String) row[0]).rounded(RoundingMode.UNNECESSARY))
                .toList();
    }

    private static void requireStorable(IncomingEvent event, Posting posting) {
        if (posting.memberId().length() > LONGEST_MEMBER_ID) {
            throw new MalformedEventException("deal event " + event.id() + " credits a member id longer than "
                    + LONGEST_MEMBER_ID + " characters");
        }
        if (posting.amount().amount().abs().compareTo(LARGEST_AMOUNT) >= 0) {
            throw new MalformedEventException("deal event " + event.id() + " credits an implausibly large amount "
                    + posting.amount());
        }
    }

    private static DealSnapshot snapshotOf(IncomingEvent event, DealEvent data) {
        if (data == null) {
            throw new MalformedEventException("deal event " + event.id() + " carries no data");
        }
        DealSnapshot deal = data.deal();
        if (deal == null || deal.id() == null) {
            throw new MalformedEventException("deal event " + event.id() + " carries no deal snapshot");
        }
        event.requireAbout("deal", deal.id(), deal.version());
        return deal;
    }
}
