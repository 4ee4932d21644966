package io.attain.pipeline.api;

import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class DealResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String DEALS = "/api/pipeline/deals";

    @Test
    void shouldMoveDealToWonAndPublishEachChangeInOrder() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "1100000.00");
        for (String stage : List.of("CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON")) {
            move(rep, id, stage).then().statusCode(200).body("stage", equalTo(stage));
        }
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().statusCode(200)
                .body("stage", equalTo("WON")).body("probability", equalTo(100))
                .body("forecastCategory", equalTo("CLOSED")).body("version", equalTo(5))
                .body("allowedNextStages", hasItems("COLLECTED", "LOST"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id + "/history").then().statusCode(200)
                .body("size()", equalTo(6)).body("[5].from", equalTo("NEGOTIATION")).body("[5].to", equalTo("WON"))
                .body("[5].actor", equalTo(rep));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS,
                r -> r.key().equals(id), 6, Duration.ofSeconds(30));
        assertThat(events).hasSize(6);
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.AGGREGATE_VERSION))
                .containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(EventProbe.header(events.getFirst(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DEAL_CREATED);
        assertThat(EventProbe.header(events.getLast(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DEAL_STAGE_CHANGED);
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.ID)).doesNotHaveDuplicates();
        DealEvent won = EventJson.mapper().readValue(events.getLast().value(), DealEvent.class);
        assertThat(won.version()).isEqualTo(5);
        assertThat(won.previousStage()).isEqualTo("NEGOTIATION");
        assertThat(won.deal().stage()).isEqualTo("WON");
        assertThat(won.deal().version()).isEqualTo(5);
        assertThat(won.deal().amount()).isEqualTo(Money.of("1100000", "CNY"));
        assertThat(won.deal().ownerId()).isEqualTo(rep);
        assertThat(won.deal().wonAt()).isNotNull();
        assertThat(won.deal().splits()).singleElement().satisfies(s -> {
            assertThat(s.memberId()).isEqualTo(rep);
            assertThat(s.percent()).isEqualByComparingTo("100");
        });
    }

    @Test
    void shouldRefuseIllegalTransitionNamingTheAllowedOnes() {
        String rep = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "5000.00");
        move(rep, id, "COLLECTED").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/illegal-stage-transition"))
                .body("detail", containsString("allowed: ")).body("detail", containsString("WON"));
        move(rep, id, "FINISHED").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stage"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().body("stage", equalTo("LEAD")).body("version", equalTo(0));
    }

    @Test
    void shouldHideOtherRepsDealsAndLetManagersSeeThem() {
        String rep = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "5000.00");
        TestTokens.as("another-rep", "rep").when().get(DEALS + "/" + id).then().statusCode(404).contentType(PROBLEM);
        move("another-rep", id, "CONTACTED").then().statusCode(404);
        TestTokens.as("another-rep", "rep").when().get(DEALS + "?ownerId=" + rep).then().statusCode(200).body("total", equalTo(0));
        TestTokens.as("mgr", "manager").when().get(DEALS + "/" + id).then().statusCode(200);
        TestTokens.as("fin", "finance").when().post(DEALS + "/" + id + "/stage").then().statusCode(403);
        given().when().get(DEALS + "/" + id).then().statusCode(401);
    }

    @Test
    void shouldRejectBadDeals() {
        String rep = "rep-" + UUID.randomUUID();
        post(rep, "{\"name\":\"x\",\"productLine\":\"A\",\"amount\":{\"amount\":\"-1\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("amount.amount"));
        post(rep, "{\"name\":\"x\",\"productLine\":\"A\",\"amount\":{\"amount\":\"1e15\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("amount.amount"));
        post(rep, "{\"name\":\"x\",\"productLine\":\"A\",\"amount\":{\"amount\":\"1\",\"currency\":\"ABC\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("ABC"));
        post(rep, "{\"name\":\"x\",\"productLine\":\"A\",\"amount\":{\"amount\":\"1\",\"currency\":\"CNY\"},\"stage\":\"WON\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stage"));
        post(rep, "{\"name\":\"x\",\"productLine\":\"A\",\"amount\":{\"amount\":\"1\",\"currency\":\"CNY\"},\"ownerId\":\"someone-else\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("ownerId"));
        post(rep, "{\"productLine\":\"A\",\"amount\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        post(rep, "[1,2]").then().statusCode(400).contentType(PROBLEM);
        post(rep, "{\"name\":").then().statusCode(400).contentType(PROBLEM);
        TestTokens.as(rep, "rep").when().get(DEALS).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldLetManagersCreateDealsForTheirReps() {
        String rep = "rep-" + UUID.randomUUID();
        TestTokens.as("mgr", "manager").contentType(ContentType.JSON)
                .body("{\"name\":\"华东制造集团\",\"ownerId\":\"" + rep + "\",\"productLine\":\"A\",\"amount\":{\"amount\":\"200000\",\"currency\":\"CNY\"}}")
                .when().post(DEALS).then().statusCode(201).body("ownerId", equalTo(rep))
                .body("amount.amount", equalTo("200000.00"));
        TestTokens.as(rep, "rep").when().get(DEALS).then().body("total", equalTo(1));
    }

    static String createDeal(String rep, String amount) {
        return post(rep, "{\"name\":\"ERP 升级项目\",\"productLine\":\"A\",\"channel\":\"DIRECT\",\"region\":\"华东\","
                + "\"customerTier\":\"KA\",\"newCustomer\":true,\"expectedCloseDate\":\"2026-12-31\","
                + "\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"}}")
                .then().statusCode(201).body("stage", equalTo("LEAD")).body("ownerId", equalTo(rep))
                .extract().path("id");
    }

    static io.restassured.response.Response post(String rep, String body) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body).when().post(DEALS);
    }

    static io.restassured.response.Response move(String rep, String id, String stage) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body("{\"stage\":\"" + stage + "\"}")
                .when().post(DEALS + "/" + id + "/stage");
    }
}
