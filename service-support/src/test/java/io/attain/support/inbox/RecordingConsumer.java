package io.attain.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Optional;

/**
 * A consumer as services write them: one transaction holds the inbox entry and the effect of the event,
 * here a {@code consumer_effect} row, so tests can count how often an event took effect.
 */
@ApplicationScoped
public class RecordingConsumer {

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    /** Applies the record; {@code failAfterEffect} makes the effect fail after it was written. */
    @Transactional
    public Optional<IncomingEvent> apply(String consumer, ConsumerRecord<String, String> record, boolean failAfterEffect) {
        Optional<IncomingEvent> received = inbox.receive(consumer, record);
        received.ifPresent(event -> {
            em.createNativeQuery("""
                            insert into consumer_effect (consumer, event_id, subject, version)
                            values (:consumer, :id, :subject, :version)""")
                    .setParameter("consumer", consumer)
                    .setParameter("id", event.id())
                    .setParameter("subject", event.subject())
                    .setParameter("version", event.aggregateVersion())
                    .executeUpdate();
            if (failAfterEffect) {
                throw new EffectFailedException(event.id());
            }
        });
        return received;
    }

    @Transactional
    public Optional<IncomingEvent> apply(String consumer, ConsumerRecord<String, String> record) {
        return apply(consumer, record, false);
    }

    /** Event ids the consumer applied, in the order applied. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> appliedEventIds(String consumer) {
        return em.createNativeQuery("select event_id from consumer_effect where consumer = :consumer order by id")
                .setParameter("consumer", consumer)
                .getResultList();
    }

    /** The consumer's own failure after it had written its effect, e.g. a constraint violated later. */
    public static class EffectFailedException extends RuntimeException {
        EffectFailedException(String eventId) {
            super("effect of event " + eventId + " failed");
        }
    }
}
