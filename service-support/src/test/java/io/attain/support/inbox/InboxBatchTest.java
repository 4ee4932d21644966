package io.attain.support.inbox;

import io.attain.events.CloudEventHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.attain.support.inbox.InboxTest.TYPE;
import static io.attain.support.inbox.InboxTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Inbox#receiveAll}: the outcome of receiving the records one at a time, in a few statements. */
@QuarkusTest
class InboxBatchTest {

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    private final String name = "batch-consumer-" + UUID.randomUUID();

    @Test
    void shouldHandOutEachNewEventOnceAndInOrder() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        List<String> handedOut = receive(event(first, "thing-1", 1), event(first, "thing-1", 1), event(second, "thing-1", 2),
                event(other, "thing-2", 7));

        assertThat(handedOut).containsExactly(first, "-", second, other);
        assertThat(receive(event(second, "thing-1", 2), event(first, "thing-1", 1))).as("a later batch repeating them")
                .containsExactly("-", "-");
    }

    @Test
    void shouldIgnoreVersionsNotNewerThanTheNewestSoFar() {
        String newer = UUID.randomUUID().toString();
        String older = UUID.randomUUID().toString();
        String same = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();

        assertThat(receive(event(newer, "thing-1", 5), event(older, "thing-1", 4), event(same, "thing-1", 5)))
                .containsExactly(newer, "-", "-");
        assertThat(receive(event(UUID.randomUUID().toString(), "thing-1", 3), event(later, "thing-1", 6)))
                .containsExactly("-", later);
        assertThat(count("select count(*) from inbox_event where consumer = '" + name + "' and not applied")).isEqualTo(3);
        assertThat(count("select version from inbox_aggregate_version where consumer = '" + name + "' and aggregate_id = 'thing-1'"))
                .isEqualTo(6);
    }

    @Test
    void shouldSkipOtherTypesWithoutRecordingThem() {
        String unknown = UUID.randomUUID().toString();
        ConsumerRecord<String, String> future = event(unknown, "thing-1", 9,
                headers -> headers.put(CloudEventHeaders.TYPE, "io.attain.test.thing-changed.v2"));

        assertThat(receive(future, event(UUID.randomUUID().toString(), "thing-1", 1))).first().isEqualTo("-");
        assertThat(count("select count(*) from inbox_event where consumer = '" + name + "' and event_id = '" + unknown + "'"))
                .isZero();
    }

    @Test
    void shouldRecordNothingWhenARecordIsMalformed() {
        String good = UUID.randomUUID().toString();
        ConsumerRecord<String, String> noId = event(UUID.randomUUID().toString(), "thing-1", 2,
                headers -> headers.remove(CloudEventHeaders.ID));

        assertThatThrownBy(() -> receive(event(good, "thing-1", 1), noId)).isInstanceOf(MalformedEventException.class);
        assertThat(count("select count(*) from inbox_event where consumer = '" + name + "'")).isZero();
        assertThat(receive(event(good, "thing-1", 1))).containsExactly(good);
    }

    @Test
    void shouldHandOutAnEventDeliveredTwiceConcurrentlyOnlyOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        List<String> outcomes = concurrently(List.of(event(id, "thing-" + id, 1)), List.of(event(id, "thing-" + id, 1)));

        assertThat(outcomes.getFirst()).isEqualTo(id);
        assertThat(outcomes.getLast()).as("the second delivery, once the first committed").isIn("-", "concurrent");
        assertThat(count("select count(*) from inbox_event where consumer = '" + name + "' and event_id = '" + id + "'"))
                .isEqualTo(1);
    }

    @Test
    void shouldNotHandOutAVersionAnotherDeliveryAppliedMeanwhile() throws Exception {
        String aggregate = "thing-" + UUID.randomUUID();
        assertThat(receive(event(UUID.randomUUID().toString(), aggregate, 1))).doesNotContain("-");
        String first = UUID.randomUUID().toString();

        // Version 2 under two event ids (a duplicate publish): the aggregate's row is locked by the first delivery.
        List<String> outcomes = concurrently(List.of(event(first, aggregate, 2)),
                List.of(event(UUID.randomUUID().toString(), aggregate, 2)));

        assertThat(outcomes).containsExactly(first, "-");
        assertThat(count("select version from inbox_aggregate_version where consumer = '" + name + "' and aggregate_id = '"
                + aggregate + "'")).isEqualTo(2);
    }

    /**
     * Receives {@code firstBatch} in a transaction held open until a second transaction receiving {@code secondBatch}
     * has been seen waiting for it; answers each batch's outcome ("concurrent" when it was refused as such).
     */
    private List<String> concurrently(List<ConsumerRecord<String, String>> firstBatch,
                                      List<ConsumerRecord<String, String>> secondBatch) throws Exception {
        CountDownLatch firstReceived = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                String outcome = outcome(inbox.receiveAll(name, firstBatch, Set.of(TYPE)));
                firstReceived.countDown();
                assertThat(commitFirst.await(20, TimeUnit.SECONDS)).isTrue();
                return outcome;
            }));
            assertThat(firstReceived.await(20, TimeUnit.SECONDS)).isTrue();
            Future<String> second = pool.submit(() -> {
                try {
                    return QuarkusTransaction.requiringNew().call(() -> outcome(inbox.receiveAll(name, secondBatch, Set.of(TYPE))));
                } catch (Inbox.ConcurrentDeliveryException e) {
                    return "concurrent";
                }
            });
            Thread.sleep(300);
            assertThat(second).as("the second delivery waits for the first transaction").isNotDone();
            commitFirst.countDown();
            return List.of(first.get(20, TimeUnit.SECONDS), second.get(20, TimeUnit.SECONDS));
        } finally {
            commitFirst.countDown();
            pool.shutdownNow();
        }
    }

    private static String outcome(List<Optional<IncomingEvent>> received) {
        return received.stream().map(event -> event.map(IncomingEvent::id).orElse("-")).collect(Collectors.joining(","));
    }

    /** The ids handed out, "-" for the records not to apply. */
    @SafeVarargs
    private List<String> receive(ConsumerRecord<String, String>... records) {
        return QuarkusTransaction.requiringNew().call(() -> inbox.receiveAll(name, List.of(records), Set.of(TYPE)).stream()
                .map(received -> received.map(IncomingEvent::id).orElse("-")).toList());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
