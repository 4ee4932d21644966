package io.attain.support.inbox;

import io.attain.events.CloudEventHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /**
     * {@link #receive(String, ConsumerRecord, Collection)} for many records in one go, in two statements whatever
     * their number: for each record, in order, the event to apply now, or empty for a record of another type, a
     * repeat (of an earlier delivery or of an earlier record in {@code records}) or a version not newer than the
     * aggregate's newest so far (counting the earlier records). Each event is recorded as received, as
     * {@code receive} does one at a time.
     *
     * <p>A concurrent delivery of one of these events, or of a newer version of one of their aggregates, makes it
     * throw {@link ConcurrentDeliveryException} rather than apply anything twice or out of order: the caller's
     * transaction rolls back and the records are tried again.
     *
     * @throws MalformedEventException when a record is not a well-formed event; nothing is recorded for any
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Optional<IncomingEvent>> receiveAll(String consumer, List<ConsumerRecord<String, String>> records,
                                                    Collection<String> types) {
        List<IncomingEvent> parsed = records.stream().map(Inbox::parse).toList();
        List<Optional<IncomingEvent>> outcome = new ArrayList<>(Collections.nCopies(parsed.size(), Optional.empty()));
        Map<String, IncomingEvent> candidates = new LinkedHashMap<>();
        for (IncomingEvent event : parsed) {
            if (types.contains(event.type())) {
                candidates.putIfAbsent(event.id(), event);
            } else {
                LOG.debugf("%s: skipped event of type %s", consumer, event.type());
            }
        }
        if (candidates.isEmpty()) {
            return outcome;
        }
        Set<String> applied = em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> subjects = new TreeSet<>();
            candidates.values().forEach(event -> subjects.add(event.subject()));
            Map<String, Long> newest = new HashMap<>();
            candidates.keySet().removeAll(seenAndVersions(connection, consumer, candidates.keySet(), subjects, newest));
            if (candidates.isEmpty()) {
                return Set.<String>of();
            }
            Map<String, Long> advanced = new TreeMap<>();
            Set<String> fresh = new HashSet<>();
            for (IncomingEvent event : candidates.values()) {
                Long before = newest.get(event.subject());
                if (before != null && before >= event.aggregateVersion()) {
                    LOG.debugf("%s: event %s carries stale version %d of %s, ignored", consumer, event.id(),
                            event.aggregateVersion(), event.subject());
                    continue;
                }
                newest.put(event.subject(), event.aggregateVersion());
                advanced.put(event.subject(), event.aggregateVersion());
                fresh.add(event.id());
            }
            record(connection, consumer, candidates.values(), fresh, advanced);
            return fresh;
        });
        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < parsed.size(); i++) {
            IncomingEvent event = parsed.get(i);
            if (applied.contains(event.id()) && handedOut.add(event.id())) {
                outcome.set(i, Optional.of(event));
            }
        }
        return outcome;
    }

    /** Thrown by {@link #receiveAll} when another transaction received one of the events or aggregates meanwhile. */
    public static final class ConcurrentDeliveryException extends RuntimeException {
        ConcurrentDeliveryException(String message) {
            super(message);
        }
    }

    /**
     * In one round trip: which of {@code eventIds} were received before, and (into {@code versions}) the newest
     * version applied of each of {@code aggregateIds}, whose rows stay locked until the transaction ends (in id
     * order, so that two batches cannot deadlock).
     */
    private static Set<String> seenAndVersions(Connection connection, String consumer, Collection<String> eventIds,
                                               Collection<String> aggregateIds, Map<String, Long> versions) throws SQLException {
        Set<String> seen = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("""
                with locked as (
                    select aggregate_id, version from inbox_aggregate_version
                    where consumer = ? and aggregate_id = any (?) order by aggregate_id for update
                )
                select aggregate_id, version from locked
                union all
                select event_id, null from inbox_event where consumer = ? and event_id = any (?)""")) {
            query.setString(1, consumer);
            query.setArray(2, connection.createArrayOf("varchar", aggregateIds.toArray()));
            query.setString(3, consumer);
            query.setArray(4, connection.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long version = rows.getLong(2);
                    if (rows.wasNull()) {
                        seen.add(rows.getString(1));
                    } else {
                        versions.put(rows.getString(1), version);
                    }
                }
            }
        }
        return seen;
    }

    /**
     * Records every event as received ({@code applied} says which are applied now) and advances the aggregates'
     * versions, in one statement; throws {@link ConcurrentDeliveryException} when another transaction got to one of
     * them first.
     */
    private static void record(Connection connection, String consumer, Collection<IncomingEvent> events,
                               Set<String> applied, Map<String, Long> advanced) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                with received as (
                    insert into inbox_event (consumer, event_id, event_type, subject, applied, received_at)
                    select ?, e.id, e.type, e.subject, e.applied, ? from unnest(?, ?, ?, ?) as e (id, type, subject, applied)
                    on conflict do nothing
                    returning 1
                ), advanced as (
                    insert into inbox_aggregate_version (consumer, aggregate_id, version)
                    select ?, a.id, a.version from unnest(?, ?) as a (id, version)
                    on conflict (consumer, aggregate_id) do update set version = excluded.version
                    where inbox_aggregate_version.version < excluded.version
                    returning 1
                )
                select (select count(*) from received), (select count(*) from advanced)""")) {
            insert.setString(1, consumer);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setArray(3, connection.createArrayOf("varchar", events.stream().map(IncomingEvent::id).toArray()));
            insert.setArray(4, connection.createArrayOf("varchar", events.stream().map(IncomingEvent::type).toArray()));
            insert.setArray(5, connection.createArrayOf("varchar", events.stream().map(IncomingEvent::subject).toArray()));
            insert.setArray(6, connection.createArrayOf("bool", events.stream().map(event -> applied.contains(event.id())).toArray()));
            insert.setString(7, consumer);
            insert.setArray(8, connection.createArrayOf("varchar", advanced.keySet().toArray()));
            insert.setArray(9, connection.createArrayOf("int8", advanced.values().toArray()));
            try (ResultSet counts = insert.executeQuery()) {
                counts.next();
                long inserted = counts.getLong(1);
                long written = counts.getLong(2);
                if (inserted != events.size()) {
                    throw new ConcurrentDeliveryException(consumer + ": " + (events.size() - inserted)
                            + " of the events were received concurrently");
                }
                if (written != advanced.size()) {
                    throw new ConcurrentDeliveryException(consumer + ": a newer version of " + (advanced.size() - written)
                            + " of the aggregates was received concurrently");
                }
            }
        }
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
