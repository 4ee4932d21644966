package io.attain.incentive.messaging;

import io.attain.incentive.service.QuotaService;
import io.attain.support.inbox.ConsumedRecords;
import io.attain.support.inbox.MalformedEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/**
 * Consumes {@code targets.target-events.v1} into quotas, one record at a time in partition order. Failure
 * handling as in {@link DealEventConsumer}: malformed records go to the dead-letter topic, anything else
 * is retried until it succeeds.
 */
@ApplicationScoped
public class TargetEventConsumer {

    @Inject
    QuotaService quotas;

    @Incoming("target-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void onTargetEvent(ConsumerRecord<String, String> record) {
        ConsumedRecords.handle(TargetEventConsumer.class, "target", record, quotas::apply);
    }
}
