package io.attain.incentive.service;

import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.incentive.domain.CreditEntry;
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
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    @Inject
    Inbox inbox;

    @Inject
    MemberAccess access;

    /**
     * Applies one record of {@code pipeline.deal-events.v1}.
     *
     * @throws MalformedEventException when the record is not a deal event that can be credited
     */
    public void apply(ConsumerRecord<String, String> record) {
        Optional<IncomingEvent> received = inbox.receive(CONSUMER, record, EventTypes.DEAL_EVENTS);
        if (received.isEmpty()) {
            return;
        }
        IncomingEvent event = received.get();
        DealSnapshot deal = snapshotOf(event);
        List<ActiveCredit> active = CreditEntry.activeOn(deal.id()).stream()
                .map(entry -> new ActiveCredit(entry.id, entry.memberId, entry.money()))
                .toList();
        List<Posting> postings;
        try {
            postings = CreditRule.postings(deal, active);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + ": " + e.getMessage(), e);
        }
        postings.forEach(posting -> requireStorable(event, posting));
        Instant now = Instant.now();
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
            entry.persist();
        }
        if (!postings.isEmpty()) {
            LOG.infof("Deal %s v%d (%s): %d credit entries appended", deal.id(), deal.version(), deal.stage(),
                    postings.size());
        }
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

    private static DealSnapshot snapshotOf(IncomingEvent event) {
        DealEvent data = event.data(DealEvent.class);
        DealSnapshot deal = data.deal();
        if (deal == null || deal.id() == null) {
            throw new MalformedEventException("deal event " + event.id() + " carries no deal snapshot");
        }
        event.requireAbout("deal", deal.id(), deal.version());
        return deal;
    }
}
