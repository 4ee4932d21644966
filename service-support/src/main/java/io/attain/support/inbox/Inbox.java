package io.attain.support.inbox;

import io.attain.events.CloudEventHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;

/**
 * Idempotent receipt of CloudEvents. Called inside the consumer's transaction, it records the event id
 * together with the consumer's own changes, so a repeated delivery (redelivery after a crash, a replay,
 * a duplicate publish) has no effect, and an event older than the aggregate version already applied is
 * acknowledged and ignored. Both checks are single statements guarded by primary keys, so two
 * concurrent deliveries of one event cannot both pass.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    /** Width of the inbox's id, type and subject columns; longer values can never be recorded. */
    static final int MAX_ID_LENGTH = 200;

    @Inject
    EntityManager em;

    /**
     * @param consumer a name for the consuming use, e.g. {@code credits}; one event may be consumed by
     *                 several uses of one service, each with its own inbox entries
     * @return the event if this consumer must apply it now; empty for a repeat or a stale version
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<IncomingEvent> receive(String consumer, ConsumerRecord<String, String> record) {
        IncomingEvent event = parse(record);
        int fresh = em.createNativeQuery("""
                        insert into inbox_event (consumer, event_id, event_type, subject, applied, received_at)
                        values (:consumer, :id, :type, :subject, false, :now)
                        on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .setParameter("subject", event.subject())
                .setParameter("now", Instant.now())
                .executeUpdate();
        if (fresh == 0) {
            LOG.debugf("%s: event %s already received, ignored", consumer, event.id());
            return Optional.empty();
        }
        int newer = em.createNativeQuery("""
                        insert into inbox_aggregate_version (consumer, aggregate_id, version)
                        values (:consumer, :aggregate, :version)
                        on conflict (consumer, aggregate_id) do update set version = excluded.version
                        where inbox_aggregate_version.version < excluded.version""")
                .setParameter("consumer", consumer)
                .setParameter("aggregate", event.subject())
                .setParameter("version", event.aggregateVersion())
                .executeUpdate();
        if (newer == 0) {
            LOG.debugf("%s: event %s carries stale version %d of %s, ignored", consumer, event.id(),
                    event.aggregateVersion(), event.subject());
            return Optional.empty();
        }
        em.createNativeQuery("update inbox_event set applied = true where consumer = :consumer and event_id = :id")
                .setParameter("consumer", consumer)
                .setParameter("id", event.id())
                .executeUpdate();
        return Optional.of(event);
    }

    /**
     * Like {@link #receive(String, ConsumerRecord)}, for a consumer that understands only {@code types}:
     * a record of another type (say a future {@code .v2} twin on the same topic) is skipped without being
     * recorded, so it can neither be applied nor make the version it carries look already seen.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<IncomingEvent> receive(String consumer, ConsumerRecord<String, String> record,
                                           Collection<String> types) {
        String type = parse(record).type();
        if (!types.contains(type)) {
            LOG.debugf("%s: skipped event of type %s", consumer, type);
            return Optional.empty();
        }
        return receive(consumer, record);
    }

    /** Reads the CloudEvents binary-mode headers; the record value is the event data. */
    public static IncomingEvent parse(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String id = required(headers, CloudEventHeaders.ID, record);
        String type = required(headers, CloudEventHeaders.TYPE, record);
        String source = required(headers, CloudEventHeaders.SOURCE, record);
        String subject = Optional.ofNullable(text(headers, CloudEventHeaders.SUBJECT)).orElse(record.key());
        if (subject == null) {
            throw new MalformedEventException("event " + id + " names no subject and has no key");
        }
        long version;
        try {
            version = Long.parseLong(required(headers, CloudEventHeaders.AGGREGATE_VERSION, record));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("event " + id + " has a non-numeric aggregate version", e);
        }
        Instant time = null;
        String timeText = text(headers, CloudEventHeaders.TIME);
        if (timeText != null) {
            try {
                time = Instant.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new MalformedEventException("event " + id + " has an unreadable time: " + timeText, e);
            }
        }
        if (id.length() > MAX_ID_LENGTH || subject.length() > MAX_ID_LENGTH || type.length() > MAX_ID_LENGTH) {
            throw new MalformedEventException("event " + abbreviate(id) + " has an id, type or subject longer than "
                    + MAX_ID_LENGTH + " characters");
        }
        if (record.value() == null) {
            throw new MalformedEventException("event " + id + " has no data");
        }
        return new IncomingEvent(id, type, source, subject, version, time, record.value());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static String required(Headers headers, String name, ConsumerRecord<?, ?> record) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " lacks header " + name);
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
