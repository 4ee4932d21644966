package io.attain.incentive.messaging;

import io.attain.incentive.service.CreditService;
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
 * Consumes {@code pipeline.deal-events.v1} into the credit ledger, one record at a time in partition
 * order. The transaction is {@link CreditService#apply}'s, so that a failed attempt is rolled back whole
 * before it is retried here.
 *
 * <p>A record that is not a well-formed deal event can never succeed: it goes straight to the dead-letter
 * topic ({@code failure-strategy=dead-letter-queue}) and the next record is processed. Any other failure
 * (the database unreachable, a conflict) is retried without limit, with growing pauses, because skipping
 * a deal event would leave a credit wrong; while it is stuck the channel reports itself unhealthy.
 */
@ApplicationScoped
public class DealEventConsumer {

    @Inject
    CreditService credits;

    @Incoming("deal-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void onDealEvent(ConsumerRecord<String, String> record) {
        ConsumedRecords.handle(DealEventConsumer.class, "deal", record, credits::apply);
    }
}
