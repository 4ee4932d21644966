package io.attain.incentive.messaging;

import io.attain.incentive.service.CreditService;
import io.attain.support.inbox.MalformedEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code pipeline.deal-events.v1} into the credit ledger in batches: everything one poll returned
 * (up to {@code max.poll.records}), in partition order, in one transaction ({@link CreditService#applyAll}),
 * so a backlog costs a few statements per batch rather than a transaction per event. The batch is
 * acknowledged, and its offsets committed, only once this method returns, after the transaction committed.
 *
 * <p>When the batch fails, nothing of it was recorded, and its records are applied one at a time with the
 * failure policy of every consumer ({@link DealEventRecords}): a record that is not a well-formed deal event
 * can never succeed and goes to the dead-letter topic ({@link DealEventDeadLetters}) while the others are
 * applied; any other failure (the database unreachable, a conflict) is retried without limit, with growing
 * pauses, because skipping a deal event would leave a credit wrong.
 */
@ApplicationScoped
public class DealEventConsumer {

    private static final Logger LOG = Logger.getLogger(DealEventConsumer.class);

    @Inject
    CreditService credits;

    @Inject
    DealEventRecords oneByOne;

    @Inject
    DealEventDeadLetters deadLetters;

    @Incoming("deal-events")
    @Blocking
    public void onDealEvents(ConsumerRecords<String, String> batch) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        if (records.isEmpty()) {
            return;
        }
        try {
            credits.applyAll(records);
        } catch (RuntimeException failure) {
            LOG.warnf("A batch of %d deal events failed (%s); applying them one at a time", records.size(), failure.getMessage());
            for (ConsumerRecord<String, String> record : records) {
                try {
                    oneByOne.apply(record);
                } catch (MalformedEventException malformed) {
                    deadLetters.send(record, malformed);
                }
            }
        }
    }
}
