package io.attain.targets.service;

import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.support.inbox.Inbox;
import io.attain.support.inbox.IncomingEvent;
import io.attain.support.inbox.MalformedEventException;
import io.attain.targets.attainment.ActualsRollup;
import io.attain.targets.attainment.StageHistory;
import io.attain.targets.config.AttainmentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The actuals read model: each deal event from pipeline-service replaces the deal's row with the
 * snapshot it carries, in one transaction with its inbox receipt, so a repeated or stale event changes
 * nothing and a deal changed after winning (amount, owner, reopened, lost) contributes only what it is now.
 * Payments are kept one row per payment id and stage entries one row per deal and stage, both
 * insert-if-absent, so replays cannot count them twice. The per-unit rollup ({@link ActualsRollup}) changes in
 * the same transaction by exactly what the deal's contribution changed.
 */
@ApplicationScoped
@Transactional
public class ActualsService {

    /** The inbox name of this use of deal events. */
    static final String CONSUMER = "actuals";
    private static final Logger LOG = Logger.getLogger(ActualsService.class);
    /** Bounds of the read model's columns; an event beyond them could never be stored, however often retried. */
    private static final int LONGEST_MEMBER_ID = 255;
    private static final int LONGEST_DIMENSION = 200;
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Inject
    AttainmentConfig config;

    /**
     * Applies one record of {@code pipeline.deal-events.v1}.
     *
     * @throws MalformedEventException when the record is not a deal event the read model can hold
     */
    public void apply(ConsumerRecord<String, String> record) {
        Optional<IncomingEvent> received = inbox.receive(CONSUMER, record, EventTypes.DEAL_EVENTS);
        if (received.isEmpty()) {
            return;
        }
        IncomingEvent event = received.get();
        DealEvent data = event.data(DealEvent.class);
        DealSnapshot deal = data.deal();
        if (deal == null || deal.id() == null) {
            throw new MalformedEventException("deal event " + event.id() + " carries no deal snapshot");
        }
        event.requireAbout("deal", deal.id(), deal.version());
        requireStorable(event, deal);
        Instant occurred = data.occurredAt() != null ? data.occurredAt()
                : event.time() != null ? event.time() : Instant.now();
        int rank = StageHistory.rankOf(deal.stage());
        boolean payment = data.payment() != null && (EventTypes.DEAL_PAYMENT_RECORDED.equals(event.type())
                || EventTypes.DEAL_PAYMENT_REVERSED.equals(event.type()));
        if (payment) {
            requireStorable(event, data.payment());
        }
        // plain JDBC on the session's connection, inside the inbox's transaction: the statements are upserts, and
        // the rollup gets the difference between what the deal contributed before them and what it does after
        em.unwrap(Session.class).doWork(connection -> {
            ActualsRollup.lockShared(connection);
            Map<ActualsRollup.Cell, BigDecimal> before = ActualsRollup.ofDeal(connection, deal.id());
            upsert(connection, deal, occurred, rank);
            if (rank >= 0) {
                recordStageEntries(connection, deal, rank, occurred);
            }
            if (payment) {
                recordPayment(connection, deal, data.payment());
            }
            ActualsRollup.add(connection, ActualsRollup.change(before, ActualsRollup.ofDeal(connection, deal.id())));
        });
        LOG.debugf("Deal %s v%d (%s) applied to actuals", deal.id(), deal.version(), deal.stage());
    }

    private void upsert(Connection connection, DealSnapshot deal, Instant occurred, int rank) throws SQLException {
        boolean booked = deal.isBooked();
        LocalDate wonOn = deal.wonAt() != null ? day(deal.wonAt()) : booked ? day(occurred) : null;
        boolean closed = booked || "LOST".equals(deal.stage());
        LocalDate closedOn = !closed ? null : deal.closedAt() != null ? day(deal.closedAt())
                : booked ? wonOn : day(occurred);
        execute(connection, """
                        insert into deal_actual (deal_id, version, owner_id, account_id, amount, currency, product_line,
                            region, customer_tier, channel, new_customer, stage, booked, created_on, won_on, closed_on,
                            furthest_stage, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (deal_id) do update set version = excluded.version, owner_id = excluded.owner_id,
                            account_id = excluded.account_id, amount = excluded.amount, currency = excluded.currency,
                            product_line = excluded.product_line, region = excluded.region,
                            customer_tier = excluded.customer_tier, channel = excluded.channel,
                            new_customer = excluded.new_customer, stage = excluded.stage, booked = excluded.booked,
                            created_on = excluded.created_on, won_on = excluded.won_on, closed_on = excluded.closed_on,
                            furthest_stage = greatest(deal_actual.furthest_stage, excluded.furthest_stage),
                            updated_at = excluded.updated_at
                        where deal_actual.version < excluded.version""",
                deal.id(), deal.version(), deal.ownerId(), deal.accountId(), deal.amount().amount(),
                deal.amount().currency(), deal.productLine(), deal.region(), deal.customerTier(), deal.channel(),
                deal.newCustomer(), deal.stage(), booked,
                date(deal.createdAt() != null ? day(deal.createdAt()) : day(occurred)), date(wonOn), date(closedOn),
                (short) Math.max(rank, 0), Timestamp.from(Instant.now()));
    }

    /** Entries for the deal's stage and every funnel stage before it not yet entered: a jump passes them. */
    private void recordStageEntries(Connection connection, DealSnapshot deal, int rank, Instant occurred)
            throws SQLException {
        LocalDate created = deal.createdAt() != null ? day(deal.createdAt()) : day(occurred);
        for (int r = 0; r <= rank; r++) {
            execute(connection, """
                            insert into deal_stage_entry (deal_id, stage, entered_on) values (?, ?, ?)
                            on conflict do nothing""",
                    deal.id(), StageHistory.FUNNEL.get(r), date(r == 0 ? created : day(occurred)));
        }
    }

    private void recordPayment(Connection connection, DealSnapshot deal, PaymentChange payment) throws SQLException {
        Money amount = payment.amount();
        execute(connection, """
                        insert into deal_payment (payment_id, deal_id, amount, currency, received_on, reversal)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict do nothing""",
                payment.paymentId(), deal.id(),
                payment.reversal() ? amount.amount().abs().negate() : amount.amount().abs(), amount.currency(),
                date(payment.receivedOn()), payment.reversal());
    }

    private static void execute(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, config.timeZone());
    }

    private static void requireStorable(IncomingEvent event, PaymentChange payment) {
        if (payment.paymentId() == null || payment.amount() == null || payment.receivedOn() == null) {
            throw new MalformedEventException("payment event " + event.id() + " lacks the payment id, amount or date");
        }
        if (payment.amount().amount().abs().compareTo(LARGEST_AMOUNT) >= 0) {
            throw new MalformedEventException("payment event " + event.id() + " carries an implausibly large amount");
        }
    }

    private static void requireStorable(IncomingEvent event, DealSnapshot deal) {
        if (deal.ownerId() == null || deal.ownerId().isBlank() || deal.ownerId().length() > LONGEST_MEMBER_ID) {
            throw new MalformedEventException("deal event " + event.id() + " names no owner, or one longer than "
                    + LONGEST_MEMBER_ID + " characters");
        }
        if (deal.amount() == null || deal.stage() == null) {
            throw new MalformedEventException("deal event " + event.id() + " carries a deal without amount or stage");
        }
        if (deal.amount().amount().abs().compareTo(LARGEST_AMOUNT) >= 0) {
            throw new MalformedEventException("deal event " + event.id() + " carries an implausibly large amount "
                    + deal.amount());
        }
        for (String dimension : new String[]{deal.productLine(), deal.region(), deal.customerTier(), deal.channel()}) {
            if (dimension != null && dimension.length() > LONGEST_DIMENSION) {
                throw new MalformedEventException("deal event " + event.id() + " carries a dimension value longer than "
                        + LONGEST_DIMENSION + " characters");
            }
        }
    }
}
