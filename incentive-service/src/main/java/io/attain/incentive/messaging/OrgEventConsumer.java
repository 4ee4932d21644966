package io.attain.incentive.messaging;

import io.attain.incentive.service.OrgChangeService;
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
 * Consumes {@code targets.org-events.v1} into the org read model that scopes what managers see and forms teams,
 * marking the statements an org change moves ({@link OrgChangeService}). Failure
 * handling as in {@link DealEventConsumer}: malformed records go to the dead-letter topic, anything else is
 * retried until it succeeds, because a skipped membership would hide a member from their manager for good.
 */
@ApplicationScoped
public class OrgEventConsumer {

    @Inject
    OrgChangeService orgChanges;

    @Incoming("org-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void onOrgEvent(ConsumerRecord<String, String> record) {
        ConsumedRecords.handle(OrgEventConsumer.class, "org", record, orgChanges::apply);
    }
}
