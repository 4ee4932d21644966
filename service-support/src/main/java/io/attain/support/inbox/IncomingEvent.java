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

    /**
     * Checks that the data describes the aggregate and version the headers announced; the inbox's
     * duplicate and staleness decisions rely on the headers, so data that disagrees with them is malformed.
     *
     * @param what        the aggregate's name for messages, e.g. {@code deal}
     * @param aggregateId the id the data carries, or {@code null} when it carries none
     * @param version     the version the data carries
     */
    public void requireAbout(String what, Object aggregateId, long version) {
        if (aggregateId == null || !aggregateId.toString().equals(subject)) {
            throw new MalformedEventException(what + " event " + id + " has subject " + subject
                    + " but carries " + what + " " + aggregateId);
        }
        if (version != aggregateVersion) {
            throw new MalformedEventException(what + " event " + id + " has aggregate version "
                    + aggregateVersion + " but carries " + what + " version " + version);
        }
    }

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
