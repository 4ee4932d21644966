package io.attain.pipeline.crm;

import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.attain.pipeline.crm.CrmEventResourceTest.deliverBatch;
import static io.attain.pipeline.crm.CrmEventResourceTest.event;
import static io.attain.pipeline.crm.CrmEventResourceTest.mappedUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A batch is applied in one transaction, its events one after another in memory: these pin down that it behaves
 * exactly as if each event had been delivered on its own, in the order sent, also when batches race on the same
 * deals.
 */
@QuarkusTest
class CrmBatchConsistencyTest {

    private static final String[] STAGES = {"LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON"};

    @Test
    void shouldAnswerAnEventIdRepeatedWithinOneBatchWithTheFirstOccurrencesResult() {
        String owner = mappedUser("005-batchdup-");
        String deal = "006-" + UUID.randomUUID();
        String first = "evt-" + UUID.randomUUID();
        String second = "evt-" + UUID.randomUUID();
        String body = batch(
                event(first, deal, 1, "LEAD", "1000.00", owner, ""),
                event(first, deal, 1, "LEAD", "1000.00", owner, ""),
                event(second, deal, 2, "PROPOSAL", "1000.00", owner, ""),
                // the same id with another body is still the first event
                event(first, deal, 3, "WON", "9000.00", owner, ""));
        Response response = deliverBatch(body);
        response.then().statusCode(200)
                .body("results.result", contains("APPLIED", "DUPLICATE", "APPLIED", "DUPLICATE"))
                .body("results[1].originalResult", equalTo("APPLIED")).body("results[1].dealVersion", equalTo(0))
                .body("results[3].originalResult", equalTo("APPLIED")).body("results[3].dealVersion", equalTo(0))
                .body("results[2].dealVersion", equalTo(1))
                .body("results[1].acceptedAt", equalTo(response.path("results[0].acceptedAt")));
        String id = response.path("results[0].dealId");

        // The whole batch again: every event is a repeat, nothing changes, nothing more is published.
        deliverBatch(body).then().statusCode(200).body("duplicate", equalTo(4))
                .body("results.originalResult", contains("APPLIED", "APPLIED", "APPLIED", "APPLIED"));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("stage", equalTo("PROPOSAL")).body("amount.amount", equalTo("1000.00")).body("version", equalTo(1));
        assertThat(types(EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 3, Duration.ofSeconds(5))))
                .containsExactly(EventTypes.DEAL_CREATED, EventTypes.DEAL_STAGE_CHANGED);
    }

    @Test
    void shouldIgnoreStaleVersionsWithinOneBatchWhateverTheirPosition() {
        String owner = mappedUser("005-batchstale-");
        String deal = "006-" + UUID.randomUUID();
        Response response = deliverBatch(batch(
                event("evt-" + UUID.randomUUID(), deal, 2, "PROPOSAL", "2000.00", owner, ""),
                event("evt-" + UUID.randomUUID(), deal, 1, "LEAD", "1000.00", owner, ""),
                event("evt-" + UUID.randomUUID(), deal, 4, "NEGOTIATION", "4000.00", owner, ""),
                event("evt-" + UUID.randomUUID(), deal, 3, "WON", "3000.00", owner, ""),
                event("evt-" + UUID.randomUUID(), deal, 4, "LOST", "4000.00", owner, "")));
        response.then().statusCode(200).body("applied", equalTo(2)).body("ignoredStale", equalTo(3))
                .body("results.result", contains("APPLIED", "IGNORED_STALE", "APPLIED", "IGNORED_STALE", "IGNORED_STALE"))
                // a stale event answers the deal's version when it was ignored
                .body("results.dealVersion", contains(0, 0, 2, 2, 2));
        String id = response.path("results[0].dealId");

        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("stage", equalTo("NEGOTIATION")).body("amount.amount", equalTo("4000.00")).body("version", equalTo(2));
        // The jump PROPOSAL -> NEGOTIATION is the only move after the deal entered at PROPOSAL.
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id + "/history").then().statusCode(200)
                .body("to", contains("PROPOSAL", "NEGOTIATION")).body("[1].from", equalTo("PROPOSAL"));
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 4,
                Duration.ofSeconds(5));
        assertThat(types(events)).containsExactly(EventTypes.DEAL_CREATED, EventTypes.DEAL_UPDATED,
                EventTypes.DEAL_STAGE_CHANGED);
        assertThat(versions(events)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void shouldApplyTheValidEventsOfADealAroundARefusedOneAndNotRecordTheRefusal() {
        String owner = mappedUser("005-batchmixed-");
        String deal = "006-" + UUID.randomUUID();
        String refused = "evt-" + UUID.randomUUID();
        String unmapped = "005-nobody-" + UUID.randomUUID();
        Response response = deliverBatch(batch(
                event("evt-" + UUID.randomUUID(), deal, 1, "LEAD", "1000.00", owner, ""),
                event(refused, deal, 2, "CONTACTED", "1000.00", unmapped, ""),
                event("evt-" + UUID.randomUUID(), deal, 3, "PROPOSAL", "1000.00", owner, ""),
                event("evt-" + UUID.randomUUID(), deal, 4, "PROPOSAL", "-1.00", owner, "")));
        response.then().statusCode(200).body("results.result", contains("APPLIED", "REJECTED", "APPLIED", "REJECTED"))
                .body("results[1].problem.status", equalTo(422)).body("results[3].problem.status", equalTo(400))
                .body("results[2].dealVersion", equalTo(1));
        String id = response.path("results[0].dealId");

        // The refused event was not accepted: sent again with a mapped owner it is taken, and now stale.
        deliverBatch(batch(event(refused, deal, 2, "CONTACTED", "1000.00", owner, ""))).then().statusCode(200)
                .body("results[0].result", equalTo("IGNORED_STALE")).body("results[0].dealId", equalTo(id));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("stage", equalTo("PROPOSAL")).body("version", equalTo(1));
    }

    @Test
    void shouldConvergeWhenConcurrentBatchesInterleaveVersionsOfTheSameDeals() throws Exception {
        String owner = mappedUser("005-batchrace-");
        String account = ",\"account\":{\"externalId\":\"001-" + UUID.randomUUID() + "\",\"name\":\"Race account\"}";
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deals.add("006-" + UUID.randomUUID());
        }
        List<Callable<Response>> deliveries = new ArrayList<>();
        for (int parity = 0; parity < 2; parity++) {
            List<String> events = new ArrayList<>();
            for (int version = 1 + parity; version <= 8; version += 2) {
                for (String deal : deals) {
                    events.add(event("evt-" + UUID.randomUUID(), deal, version, STAGES[version % STAGES.length],
                            version + "000.00", owner, account));
                }
            }
            String body = batch(events.toArray(String[]::new));
            deliveries.add(() -> deliverBatch(body));
        }
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Response> answer : pool.invokeAll(deliveries)) {
                answers.add(answer.get());
            }
        }
        for (Response answer : answers) {
            answer.then().statusCode(200).body("rejected", equalTo(0)).body("duplicate", equalTo(0));
        }
        // Each CRM deal is one Attain deal, whichever batch created it.
        Map<String, String> dealIds = new HashMap<>();
        for (int i = 0; i < deals.size(); i++) {
            int position = i;
            List<String> ids = answers.stream().map(answer -> answer.<List<String>>path("results.dealId"))
                    .flatMap(results -> LongStream.range(0, 4).mapToObj(k -> results.get((int) k * deals.size() + position)))
                    .distinct().toList();
            assertThat(ids).hasSize(1).doesNotContainNull();
            dealIds.put(deals.get(i), ids.getFirst());
        }
        for (String id : dealIds.values()) {
            Response deal = TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id);
            deal.then().statusCode(200).body("amount.amount", equalTo("8000.00"))
                    .body("stage", equalTo(STAGES[8 % STAGES.length]));
            int version = deal.path("version");
            List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id),
                    version + 1, Duration.ofSeconds(30));
            assertThat(versions(events)).containsExactlyElementsOf(LongStream.rangeClosed(0, version).boxed().toList());
        }
        assertThat(dealIds.values().stream()
                .map(id -> TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).<String>path("accountId"))
                .distinct()).hasSize(1);
    }

    @Test
    void shouldCreateANewAccountOnceWhenConcurrentBatchesOfOtherDealsNameIt() throws Exception {
        String owner = mappedUser("005-accountrace-");
        String account = ",\"account\":{\"externalId\":\"001-" + UUID.randomUUID() + "\",\"name\":\"Shared account\"}";
        // No deal in common, so neither batch waits for the other's deal locks: the loser of the race on the account's
        // unique key runs again and finds the winner's account.
        List<Callable<Response>> deliveries = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "LEAD", "1000.00", owner, account));
            }
            String body = batch(events.toArray(String[]::new));
            deliveries.add(() -> deliverBatch(body));
        }
        List<String> dealIds = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Response> answer : pool.invokeAll(deliveries)) {
                answer.get().then().statusCode(200).body("applied", equalTo(5));
                dealIds.addAll(answer.get().path("results.dealId"));
            }
        }
        assertThat(dealIds.stream()
                .map(id -> TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).<String>path("accountId"))
                .distinct()).hasSize(1).doesNotContainNull();
    }

    @Test
    void shouldKeepTextThatLooksLikeArraySyntaxExactly() throws Exception {
        // The write path hands values to PostgreSQL inside array literals: quotes, braces, commas, backslashes and
        // the word NULL must come back as sent.
        String owner = mappedUser("005-text-");
        String crmDeal = "006-\"{a,b}\\ NULL " + UUID.randomUUID();
        String json = crmDeal.replace("\\", "\\\\").replace("\"", "\\\"");
        String id = deliverBatch(batch(event("evt-" + UUID.randomUUID(), json, 1, "LEAD", "1.00", owner,
                ",\"region\":\"NULL\",\"channel\":\"华东, \\\"直销\\\"\",\"customerTier\":\"\"")))
                .then().statusCode(200).body("results[0].result", equalTo("APPLIED")).extract().path("results[0].dealId");
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("name", equalTo("Deal " + crmDeal)).body("region", equalTo("NULL"))
                .body("channel", equalTo("华东, \"直销\"")).body("customerTier", equalTo(""));
        ConsumerRecord<String, String> created = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 1,
                Duration.ofSeconds(30)).getFirst();
        assertThat(EventJson.mapper().readValue(created.value(), DealEvent.class).deal().external().id()).isEqualTo(crmDeal);
    }

    private static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static List<String> types(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(r -> EventProbe.header(r, CloudEventHeaders.TYPE)).toList();
    }

    private static List<Long> versions(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(r -> Long.parseLong(EventProbe.header(r, CloudEventHeaders.AGGREGATE_VERSION))).toList();
    }
}
