package io.attain.incentive.messaging;

import io.attain.incentive.service.CreditService;
import io.attain.support.inbox.ConsumedRecords;
import io.attain.support.inbox.MalformedEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;

/**
 * One deal event record at a time, in its own transaction, for a batch that failed as a whole: a malformed
 * record is thrown back at once (it goes to the dead-letter topic), any other failure is retried without limit
 * with growing pauses, so the records after it wait rather than overtake it.
 */
@ApplicationScoped
public class DealEventRecords {

    @Inject
    CreditService credits;

    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void apply(ConsumerRecord<String, String> record) {
        ConsumedRecords.handle(DealEventConsumer.class, "deal", record, credits::apply);
    }
}
