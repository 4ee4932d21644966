package io.attain.incentive.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;

/**
 * The dead-letter topic of deal events ({@code incentive.deal-events.dlq}). A batch consumer cannot leave a
 * single record to the channel's dead-letter strategy (it would take the whole batch), so a malformed record
 * is sent here as that strategy would: same key, value and headers, plus {@code dead-letter-reason},
 * {@code dead-letter-cause}, {@code dead-letter-topic}, {@code dead-letter-partition} and
 * {@code dead-letter-offset}. {@link #send} returns once the broker has it, before the batch is acknowledged,
 * so a dead letter cannot be lost; while the broker does not take it, it is retried like any other failure.
 */
@ApplicationScoped
public class DealEventDeadLetters {

    @Inject
    @Channel("deal-events-dead-letters")
    MutinyEmitter<String> topic;

    @Retry(maxRetries = -1, maxDuration = 0, delay = 500)
    @ExponentialBackoff(maxDelay = 1, maxDelayUnit = ChronoUnit.MINUTES)
    public void send(ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", bytes(reason.getMessage()));
        if (reason.getCause() != null && reason.getCause().getMessage() != null) {
            headers.add("dead-letter-cause", bytes(reason.getCause().getMessage()));
        }
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        topic.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
