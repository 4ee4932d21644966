package io.attain.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.events.EventJson;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes an event into the outbox within the caller's transaction, so the event exists exactly when
 * the business change it describes was committed. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    /** Fired with each row written; {@link OutboxRelay} wakes up when the transaction commits. */
    public record Written(String topic, String aggregateId) {
    }

    /** One event for {@link #publishAll}: the arguments of {@link #publish}, as a value. */
    public record Message(String topic, String eventType, String aggregateType, String aggregateId,
                          long aggregateVersion, Instant occurredAt, Object data) {
    }

    @Inject
    Event<Written> written;

    @Inject
    AgroalDataSource dataSource;

    /**
     * @param aggregateId      the Kafka key; one aggregate's events are relayed in the order written
     * @param aggregateVersion the aggregate's version after the change; consumers drop older ones
     * @param data             the CloudEvents data, serialised with {@link EventJson}
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String eventType, String aggregateType, String aggregateId,
                        long aggregateVersion, Instant occurredAt, Object data) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = UUID.randomUUID();
        message.topic = topic;
        message.eventType = eventType;
        message.aggregateType = aggregateType;
        message.aggregateId = aggregateId;
        message.aggregateVersion = aggregateVersion;
        message.occurredAt = occurredAt;
        message.payload = toJson(data);
        // Due at once: occurredAt is the caller's domain time and may lie ahead, which must not hold the
        // event (and every later event of its aggregate) back.
        message.nextAttemptAt = Instant.now();
        message.persist();
        written.fire(new Written(topic, aggregateId));
        return message.eventId;
    }

    /**
     * Writes many events in one JDBC batch (one round trip) on the transaction's connection, in list order, so
     * that the events of one aggregate are relayed in that order. For write paths that handle many changes per
     * transaction without the persistence context (the rows are plain inserts; the entity cache is not involved).
     *
     * @return the event ids, in list order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> publishAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>(messages.size());
        OffsetDateTime due = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into outbox_message (event_id, topic, event_type, aggregate_type, aggregate_id,
                                                 aggregate_version, payload, occurred_at, attempts, next_attempt_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")) {
            for (Message message : messages) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                insert.setObject(1, id);
                insert.setString(2, message.topic());
                insert.setString(3, message.eventType());
                insert.setString(4, message.aggregateType());
                insert.setString(5, message.aggregateId());
                insert.setLong(6, message.aggregateVersion());
                insert.setString(7, toJson(message.data()));
                insert.setObject(8, OffsetDateTime.ofInstant(message.occurredAt(), ZoneOffset.UTC));
                // due at once, as in publish()
                insert.setObject(9, due);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox rows could not be written: " + e.getMessage(), e);
        }
        // One wake-up is enough: the relay reads every due row, and each fired event costs a transaction
        // synchronisation.
        Message first = messages.getFirst();
        written.fire(new Written(first.topic(), first.aggregateId()));
        return ids;
    }

    private static String toJson(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data cannot be serialised: " + data.getClass().getName(), e);
        }
    }
}
