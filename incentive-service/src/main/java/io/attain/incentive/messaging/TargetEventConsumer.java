package io.attain.incentive.messaging;

import io.attain.incentive.service.QuotaService;
import io.attain.support.inbox.MalformedEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;

/**
 * Consumes {@code targets.target-events.v1} into quotas, one record at a time in partition order. Failure
 * handling as in {@link DealEventConsumer}: malformed records go to the dead-letter topic, anything else
 * is retried until it succeeds.
 */
@ApplicationScoped
public class TargetEventConsumer {

    private static final Logger LOG = Logger.getLogger(TargetEventConsumer.class);

    @Inject
    QuotaService quotas;

    @Incoming("target-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void onTargetEvent(ConsumerRecord<String, String> record) {
        try {
            quotas.apply(record);
        } catch (MalformedEventException e) {
            LOG.errorf("Malformed target event %s-%d@%d (key %s) goes to the dead-letter topic: %s", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Target event %s-%d@%d (key %s) failed (%s); retrying", record.topic(), record.partition(),
                    record.offset(), record.key(), DealEventConsumer.rootCause(e));
            throw e;
        }
    }
}
