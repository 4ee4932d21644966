package io.attain.support.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.events.EventJson;

import java.time.Instant;

/** A CloudEvent received from Kafka and accepted by the {@link Inbox}: first delivery, not stale. */
public record IncomingEvent(
        String id,
        String type,
        String source,
        String subject,
        long aggregateVersion,
        Instant time,
        String data) {

    /** The event data as its contract record. */
    public <T> T data(Class<T> type) {
        try {
            return EventJson.mapper().readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event " + id + " of type " + this.type
                    + " does not match " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
