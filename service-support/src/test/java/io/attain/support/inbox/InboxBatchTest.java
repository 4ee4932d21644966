package io.attain.support.inbox;

import io.attain.events.CloudEventHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

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
