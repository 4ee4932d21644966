package io.attain.incentive;

import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.incentive.messaging.DealEventConsumer;
import io.attain.incentive.service.CreditService;
import io.attain.testing.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.attain.incentive.Commissions.PATIENCE;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Deals.deal;
import static io.attain.incentive.Deals.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deal events applied in batches ({@link CreditService#applyAll}, as {@link DealEventConsumer} does with each poll)
 * have exactly the effect of applying them one at a time: repeats and stale versions, within a batch or across
 * batches, change nothing; several versions of one deal in a batch build on each other; a malformed record goes
 * to the dead-letter topic while the rest of its batch is applied.
 */
@QuarkusTest
class DealEventBatchTest {

    private static final String DEAD_LETTERS = "incentive.deal-events.dlq";
    /** Offsets of the records built here; only their order matters. */
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    CreditService credits;

    @Inject
    DealEventConsumer consumer;

    @Inject
    EntityManager em;

    @Test
    void shouldApplyAnEventRepeatedWithinOneBatchOnce() {
        String owner = member();
        DealSnapshot won = deal(UUID.randomUUID(), 1, "WON", owner, "100.00");
        String eventId = UUID.randomUUID().toString();

        credits.applyAll(List.of(record(eventId, won), record(eventId, won), record(eventId, won)));

        assertThat(entries(owner)).containsExactly("CREDIT 100.00");
        assertThat(count("select count(*) from inbox_event where consumer = 'credits' and event_id = '" + eventId + "'"))
                .isEqualTo(1);
    }

    @Test
    void shouldIgnoreEventsAppliedInAnEarlierBatch() {
        String owner = member();
        UUID dealId = UUID.randomUUID();
        ConsumerRecord<String, String> won = record(UUID.randomUUID().toString(), deal(dealId, 1, "WON", owner, "100.00"));
        ConsumerRecord<String, String> raised = record(UUID.randomUUID().toString(), deal(dealId, 2, "WON", owner, "150.00"));

        credits.applyAll(List.of(won));
        credits.applyAll(List.of(won, raised));
        credits.applyAll(List.of(won, raised));

        assertThat(entries(owner)).containsExactly("CREDIT 100.00", "REVERSAL -100.00", "CREDIT 150.00");
    }

    @Test
    void shouldIgnoreAStaleVersionWithinABatchAndAfterIt() {
        String owner = member();
        UUID dealId = UUID.randomUUID();
        ConsumerRecord<String, String> newer = record(UUID.randomUUID().toString(), deal(dealId, 5, "WON", owner, "200.00"));
        ConsumerRecord<String, String> older = record(UUID.randomUUID().toString(), deal(dealId, 4, "WON", owner, "100.00"));

        credits.applyAll(List.of(newer, older));
        credits.applyAll(List.of(record(UUID.randomUUID().toString(), deal(dealId, 3, "LOST", owner, "100.00"))));

        assertThat(entries(owner)).containsExactly("CREDIT 200.00");
    }

    @Test
    void shouldBuildTheVersionsOfADealInOneBatchAsOneAtATime() {
        String[] inBatch = {member(), member()};
        String[] oneByOne = {member(), member()};
        List<ConsumerRecord<String, String>> batch = history(UUID.randomUUID(), inBatch[0], inBatch[1]);
        List<ConsumerRecord<String, String>> single = history(UUID.randomUUID(), oneByOne[0], oneByOne[1]);

        credits.applyAll(batch);
        single.forEach(credits::apply);

        for (int i = 0; i < 2; i++) {
            assertThat(entries(inBatch[i])).isEqualTo(entries(oneByOne[i])).isNotEmpty();
            assertThat(reasons(inBatch[i])).isEqualTo(reasons(oneByOne[i]));
        }
        assertThat(entries(inBatch[0])).containsExactly("CREDIT 60.00", "REVERSAL -60.00", "CREDIT 90.00", "REVERSAL -90.00",
                "CREDIT 120.00");
        assertThat(net(inBatch[1])).isEqualByComparingTo("0.00");
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndApplyTheRestOfItsBatch() {
        String first = member();
        String last = member();
        UUID poisonDeal = UUID.randomUUID();
        ConsumerRecord<String, String> poison = new ConsumerRecord<>(Topics.DEAL_EVENTS, 0, OFFSETS.incrementAndGet(),
                poisonDeal.toString(), "{\"deal\": ");
        Deals.headers(UUID.randomUUID().toString(), EventTypes.DEAL_UPDATED, poisonDeal, 1)
                .forEach((name, value) -> poison.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        List<ConsumerRecord<String, String>> records = List.of(
                record(UUID.randomUUID().toString(), deal(UUID.randomUUID(), 1, "WON", first, "10.00")),
                poison,
                record(UUID.randomUUID().toString(), deal(UUID.randomUUID(), 1, "WON", last, "30.00")));

        consumer.onDealEvents(new ConsumerRecords<>(Map.of(new TopicPartition(Topics.DEAL_EVENTS, 0), records)));

        assertThat(entries(first)).containsExactly("CREDIT 10.00");
        assertThat(entries(last)).containsExactly("CREDIT 30.00");
        List<ConsumerRecord<String, String>> dead = EventProbe.read(DEAD_LETTERS, r -> poisonDeal.toString().equals(r.key()), 1,
                PATIENCE);
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().value()).isEqualTo("{\"deal\": ");
        assertThat(EventProbe.header(dead.getFirst(), "dead-letter-reason")).isNotBlank();
        assertThat(EventProbe.header(dead.getFirst(), "dead-letter-offset")).isEqualTo(Long.toString(poison.offset()));
        assertThat(EventProbe.header(dead.getFirst(), CloudEventHeaders.ID)).isEqualTo(EventProbe.header(poison, CloudEventHeaders.ID));
    }

    /** Won at 100.00 split 60/40, raised to 150.00, lost, won again at 120.00 by the first member alone, with a repeat. */
    private static List<ConsumerRecord<String, String>> history(UUID dealId, String a, String b) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        records.add(record(UUID.randomUUID().toString(), deal(dealId, 1, "WON", a, "100.00", split(a, "60"), split(b, "40"))));
        records.add(record(UUID.randomUUID().toString(), deal(dealId, 2, "WON", a, "150.00", split(a, "60"), split(b, "40"))));
        records.add(records.getFirst());
        records.add(record(UUID.randomUUID().toString(), deal(dealId, 3, "LOST", a, "150.00", split(a, "60"), split(b, "40"))));
        records.add(record(UUID.randomUUID().toString(), deal(dealId, 4, "WON", a, "120.00")));
        return records;
    }

    private static ConsumerRecord<String, String> record(String eventId, DealSnapshot deal) {
        DealEvent event = Deals.event(deal);
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.DEAL_EVENTS, 0, OFFSETS.incrementAndGet(),
                deal.id().toString(), Deals.json(event));
        Deals.headers(eventId, Deals.typeOf(event), deal.id(), deal.version())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The member's entries in append order, as "KIND amount". */
    private List<String> entries(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select kind, amount from credit_entry where member_id = ?1 order by seq", Object[].class)
                .setParameter(1, memberId).getResultList().stream()
                .map(row -> ((Object[]) row)[0] + " " + ((BigDecimal) ((Object[]) row)[1]).setScale(2).toPlainString())
                .toList());
    }

    private List<String> reasons(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select f.reason || ' ' || f.business_on from credit_entry e join credit_entry_fact f on f.entry_id = e.id
                        where e.member_id = ?1 order by e.seq""", String.class)
                .setParameter(1, memberId).getResultList().stream().map(String.class::cast).toList());
    }

    private BigDecimal net(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> (BigDecimal) em.createNativeQuery(
                "select coalesce(sum(amount), 0) from credit_entry where member_id = ?1").setParameter(1, memberId).getSingleResult());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
