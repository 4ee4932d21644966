package io.attain.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
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

    @Inject
    Event<Written> written;

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

    private static String toJson(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data cannot be serialised: " + data.getClass().getName(), e);
        }
    }
}
