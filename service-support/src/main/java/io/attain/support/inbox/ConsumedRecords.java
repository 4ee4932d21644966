package io.attain.support.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The one way a service's Kafka consumer hands a record to its inbox-backed handler and reports failures.
 * The consumers pair it with {@code @Retry(abortOn = MalformedEventException.class)} and the channel's
 * {@code failure-strategy=dead-letter-queue}: a malformed record can never succeed, so it is logged as going
 * to the dead-letter topic; anything else (the database unreachable, a conflict) is logged and retried, since
 * skipping an event would leave the service's data wrong.
 */
public final class ConsumedRecords {

    private ConsumedRecords() {
    }

    /**
     * @param consumer names the log category, e.g. the consumer class
     * @param what     the kind of event for messages, e.g. {@code deal}
     * @param handler  applies the record (in its own transaction, through the inbox)
     */
    public static void handle(Class<?> consumer, String what, ConsumerRecord<String, String> record,
                              Consumer<ConsumerRecord<String, String>> handler) {
        try {
            handler.accept(record);
        } catch (MalformedEventException e) {
            Logger.getLogger(consumer).errorf("Malformed %s event %s-%d@%d (key %s) goes to the dead-letter topic: %s",
                    what, record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            Logger.getLogger(consumer).warnf(e, "%s event %s-%d@%d (key %s) failed (%s); retrying", what,
                    record.topic(), record.partition(), record.offset(), record.key(), rootCause(e));
            throw e;
        }
    }

    static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
