package io.attain.incentive.service;

import io.attain.events.EventTypes;
import io.attain.events.TargetEvent;
import io.attain.incentive.domain.Quota;
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
import java.util.Optional;

/** Quotas: the latest version of each published target, kept from targets-service's target events. */
@ApplicationScoped
@Transactional
public class QuotaService {

    /** The inbox name of this use of target events. */
    static final String CONSUMER = "quotas";
    private static final Logger LOG = Logger.getLogger(QuotaService.class);
    /** Bounds of the quota columns; an event beyond them could never be stored, however often retried. */
    private static final int LONGEST_MEMBER_ID = 255;
    private static final int LONGEST_METRIC = 30;
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    @Inject
    Inbox inbox;

    @Inject
    MemberAccess access;

    @Inject
    LedgerCalendar calendar;

    /**
     * Applies one record of {@code targets.target-events.v1}: inserts the quota, or replaces it when the
     * event carries a newer version.
     *
     * @throws MalformedEventException when the record is not a target event that can be kept as a quota
     */
    public void apply(ConsumerRecord<String, String> record) {
        Optional<IncomingEvent> received = inbox.receive(CONSUMER, record, EventTypes.TARGET_EVENTS);
        if (received.isEmpty()) {
            return;
        }
        IncomingEvent event = received.get();
        TargetEvent target = targetOf(event);
        Quota quota = Quota.findById(target.targetId());
        if (quota == null) {
            quota = new Quota();
            quota.targetId = target.targetId();
        } else if (quota.version >= target.version()) {
            LOG.debugf("Target %s v%d is not newer than quota v%d, ignored", target.targetId(), target.version(),
                    quota.version);
            return;
        }
        quota.version = target.version();
        quota.memberId = target.scope().memberId();
        quota.orgUnitId = target.scope().orgUnitId();
        quota.metric = target.metric();
        quota.periodStart = target.periodStart();
        quota.periodEnd = target.periodEnd();
        quota.amount = target.value() == null ? null : target.value().amount();
        quota.currency = target.value() == null ? null : target.value().currency();
        quota.quantity = target.quantity();
        quota.persist();
        // A personal quota moves its member's attainment; an org unit's quota is a team target for everyone in it.
        calendar.markStale(quota.memberId);
        LOG.infof("Quota %s v%d (%s, member %s) recorded", quota.targetId, quota.version, quota.metric, quota.memberId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Quota> quotas(String memberId, PageParams page) {
        access.requireVisible(memberId);
        var query = Quota.<Quota>find("memberId", Sort.by("periodStart").and("metric").and("targetId"), memberId);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    private static TargetEvent targetOf(IncomingEvent event) {
        TargetEvent target = event.data(TargetEvent.class);
        event.requireAbout("target", target.targetId(), target.version());
        if (target.scope() == null || target.scope().orgUnitId() == null || target.metric() == null
                || target.periodStart() == null || target.periodEnd() == null) {
            throw new MalformedEventException("target event " + event.id()
                    + " lacks its scope, metric or period");
        }
        if ((target.value() == null) == (target.quantity() == null)) {
            throw new MalformedEventException("target event " + event.id()
                    + " must carry either a value or a quantity");
        }
        String memberId = target.scope().memberId();
        BigDecimal figure = target.value() != null ? target.value().amount() : target.quantity();
        if ((memberId != null && memberId.length() > LONGEST_MEMBER_ID) || target.metric().length() > LONGEST_METRIC
                || figure.abs().compareTo(LARGEST_AMOUNT) >= 0) {
            throw new MalformedEventException("target event " + event.id()
                    + " has a member id, metric or figure too large to keep");
        }
        return target;
    }
}
