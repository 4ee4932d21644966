package io.attain.pipeline.messaging;

import io.attain.support.inbox.ConsumedRecords;
import io.attain.support.inbox.MalformedEventException;
import io.attain.support.org.OrgDirectory;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/**
 * Consumes {@code targets.org-events.v1} into the org read model that scopes managers to their org subtree, one
 * record at a time in partition order; the transaction is {@link OrgDirectory#receive}'s. A malformed record goes
 * to the dead-letter topic; any other failure is retried with growing pauses, since a skipped membership would
 * leave a manager seeing too much or too little.
 */
@ApplicationScoped
public class OrgEventConsumer {

    @Inject
    OrgDirectory orgDirectory;

    @Incoming("org-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void onOrgEvent(ConsumerRecord<String, String> record) {
        ConsumedRecords.handle(OrgEventConsumer.class, "org", record, orgDirectory::receive);
    }
}
