package io.attain.pipeline.api;

import io.attain.events.CloudEventHeaders;
import io.attain.events.CreditSplit;
import io.attain.events.DealEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.pipeline.OrgFixture;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
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
                // COLLECTED comes with the payments that cover the amount (PaymentResourceTest)
                .body("allowedNextStages", contains("LOST"));
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
        // mgr manages the rep's team (see service/ManagerScopeTest for managers of other teams)
        OrgFixture.team("mgr", rep);
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
        OrgFixture.team("mgr", rep);
        TestTokens.as("mgr", "manager").contentType(ContentType.JSON)
                .body("{\"name\":\"华东制造集团\",\"ownerId\":\"" + rep + "\",\"productLine\":\"A\",\"amount\":{\"amount\":\"200000\",\"currency\":\"CNY\"}}")
                .when().post(DEALS).then().statusCode(201).body("ownerId", equalTo(rep))
                .body("amount.amount", equalTo("200000.00"));
        TestTokens.as(rep, "rep").when().get(DEALS).then().body("total", equalTo(1));
    }

    @Test
    void shouldUpdateTermsWithEntityTagsAndPublishOneEventPerChange() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String colleague = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "5000.00");
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("splits.memberId", contains(rep)).body("splits[0].percent", equalTo("100"));

        put(rep, "rep", id, "\"0\"", terms("8000.00", "")).then().statusCode(200).header("ETag", "\"1\"")
                .body("amount.amount", equalTo("8000.00")).body("version", equalTo(1)).body("stage", equalTo("LEAD"));
        // The same terms again change nothing: no new version, no event.
        put(rep, "rep", id, "\"1\"", terms("8000.0", "")).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1));
        put(rep, "rep", id, "\"1\"", terms("8000.00", splits(colleague, "40", rep, "60"))).then().statusCode(200)
                .header("ETag", "\"2\"").body("splits.memberId", contains(rep, colleague))
                .body("splits.percent", contains("60", "40"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("splits.memberId", contains(rep, colleague));

        put(rep, "rep", id, "\"1\"", terms("9000.00", "")).then().statusCode(412).contentType(PROBLEM)
                .body("type", endsWith("/precondition-failed"));
        put(rep, "rep", id, null, terms("9000.00", "")).then().statusCode(428).contentType(PROBLEM)
                .body("type", endsWith("/precondition-required"));
        put(rep, "rep", id, "\"2\"", terms("9000.00", ",\"stage\":\"WON\"")).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("stage"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().body("version", equalTo(2))
                .body("amount.amount", equalTo("8000.00")).body("stage", equalTo("LEAD"));

        // Per-deal order is kept, so an event from the no-op PUT would sit where the splits change is.
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS,
                r -> r.key().equals(id), 3, Duration.ofSeconds(30));
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE))
                .containsExactly(EventTypes.DEAL_CREATED, EventTypes.DEAL_UPDATED, EventTypes.DEAL_UPDATED);
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.AGGREGATE_VERSION))
                .containsExactly("0", "1", "2");
        DealEvent amountChanged = EventJson.mapper().readValue(events.get(1).value(), DealEvent.class);
        assertThat(amountChanged.changedFields()).containsExactly("amount");
        assertThat(amountChanged.version()).isEqualTo(1);
        assertThat(amountChanged.actor()).isEqualTo(rep);
        assertThat(amountChanged.deal().version()).isEqualTo(1);
        assertThat(amountChanged.deal().amount()).isEqualTo(Money.of("8000", "CNY"));
        assertThat(amountChanged.deal().stage()).isEqualTo("LEAD");
        assertThat(amountChanged.deal().splits()).singleElement().satisfies(s -> {
            assertThat(s.memberId()).isEqualTo(rep);
            assertThat(s.percent()).isEqualByComparingTo("100");
        });
        DealEvent splitChanged = EventJson.mapper().readValue(events.get(2).value(), DealEvent.class);
        assertThat(splitChanged.changedFields()).containsExactly("splits");
        assertThat(splitChanged.deal().version()).isEqualTo(2);
        assertThat(splitChanged.deal().splits()).extracting(CreditSplit::memberId).containsExactly(rep, colleague);
        assertThat(splitChanged.deal().splits()).extracting(CreditSplit::percent)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("60"), new BigDecimal("40"));
    }

    @Test
    void shouldRejectSplitsThatDoNotAddUp() {
        String rep = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "5000.00");
        for (String bad : List.of(
                splits(rep, "59.99", "rep-b", "40"),
                splits(rep, "50", "rep-b", "30", rep, "20"),
                splits(rep, "60.00001", "rep-b", "39.99999"),
                splits(rep, "100", "rep-b", "0"),
                splits(rep, "120", "rep-b", "-20"),
                splits("rep-a", "50", "rep-b", "50"),
                ",\"splits\":[]",
                ",\"splits\":[{\"memberId\":\"" + rep + "\"}]",
                elevenSplits(rep))) {
            put(rep, "rep", id, "\"0\"", terms("5000.00", bad)).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("splits"));
        }
        post(rep, dealBody("5000.00", splits(rep, "33.3333", "rep-b", "33.3333", "rep-c", "33.3333")))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("splits"));
        put(rep, "rep", id, "\"0\"", terms("5000.00", splits(rep, "33.3334", "rep-b", "33.3333", "rep-c", "33.3333")))
                .then().statusCode(200).body("splits.percent", contains("33.3334", "33.3333", "33.3333"))
                .body("splits.memberId", contains(rep, "rep-b", "rep-c"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void shouldLetOnlyManagersHandDealsOver() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String successor = "rep-" + UUID.randomUUID();
        String third = "rep-" + UUID.randomUUID();
        OrgFixture.team("mgr", rep, successor, third);
        String id = createDeal(rep, "5000.00");
        put(rep, "rep", id, "\"0\"", terms("5000.00", ",\"ownerId\":\"" + successor + "\""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("ownerId"));
        put(rep, "rep", id, "\"0\"", terms("5000.00", ",\"ownerId\":\"" + rep + "\""))
                .then().statusCode(200).body("version", equalTo(0));

        put("mgr", "manager", id, "\"0\"", terms("5000.00", ",\"ownerId\":\"" + successor + "\""))
                .then().statusCode(200).header("ETag", "\"1\"").body("ownerId", equalTo(successor))
                .body("splits.memberId", contains(successor));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().statusCode(404);
        TestTokens.as(successor, "rep").when().get(DEALS + "/" + id).then().statusCode(200);

        // A shared deal keeps its split on a hand-over only when the new owner is part of it.
        put(successor, "rep", id, "\"1\"", terms("5000.00", splits(successor, "70", rep, "30"))).then().statusCode(200);
        put("mgr", "manager", id, "\"2\"", terms("5000.00", ",\"ownerId\":\"" + third + "\"")).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("splits"));
        put("mgr", "manager", id, "\"2\"", terms("5000.00", ",\"ownerId\":\"" + rep + "\"")).then().statusCode(200)
                .body("ownerId", equalTo(rep)).body("splits.memberId", contains(successor, rep));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS,
                r -> r.key().equals(id), 4, Duration.ofSeconds(30));
        assertThat(events).hasSize(4);
        DealEvent handedOver = EventJson.mapper().readValue(events.get(1).value(), DealEvent.class);
        assertThat(handedOver.changedFields()).containsExactly("ownerId", "splits");
        assertThat(handedOver.actor()).isEqualTo("mgr");
        assertThat(handedOver.deal().ownerId()).isEqualTo(successor);
        assertThat(handedOver.deal().splits()).extracting(CreditSplit::memberId).containsExactly(successor);
        DealEvent handedBack = EventJson.mapper().readValue(events.get(3).value(), DealEvent.class);
        assertThat(handedBack.changedFields()).containsExactly("ownerId");
    }

    @Test
    void shouldCheckTheAccountAndScopeUpdates() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String otherRep = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "5000.00");
        String own = AccountResourceTest.create(rep, AccountResourceTest.account("自己的客户", null));
        String foreign = AccountResourceTest.create(otherRep, AccountResourceTest.account("别人的客户", null));
        for (String account : List.of(foreign, UUID.randomUUID().toString())) {
            put(rep, "rep", id, "\"0\"", terms("5000.00", ",\"accountId\":\"" + account + "\""))
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("accountId"));
        }
        post(rep, dealBody("5000.00", ",\"accountId\":\"" + foreign + "\"")).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("accountId"));
        put(rep, "rep", id, "\"0\"", terms("5000.00", ",\"accountId\":\"" + own + "\"")
                .replace("ERP 升级项目", "ERP 二期").replace("\"newCustomer\":true", "\"newCustomer\":false"))
                .then().statusCode(200).body("accountId", equalTo(own)).body("name", equalTo("ERP 二期"))
                .body("newCustomer", equalTo(false));

        put(otherRep, "rep", id, "\"1\"", terms("1.00", "")).then().statusCode(404).contentType(PROBLEM);
        put("fin", "finance", id, "\"1\"", terms("1.00", "")).then().statusCode(403).contentType(PROBLEM);
        put(rep, "rep", id, "\"1\"", terms("-1", "")).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("amount.amount"));
        put(rep, "rep", id, "\"1\"", terms("1.001", "")).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("amount.amount"));
        put(rep, "rep", UUID.randomUUID().toString(), "\"0\"", terms("1.00", "")).then().statusCode(404);
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + id).then().body("version", equalTo(1))
                .body("amount.amount", equalTo("5000.00"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS,
                r -> r.key().equals(id), 2, Duration.ofSeconds(30));
        DealEvent updated = EventJson.mapper().readValue(events.get(1).value(), DealEvent.class);
        assertThat(updated.changedFields()).containsExactly("name", "accountId", "newCustomer");
        assertThat(updated.deal().accountId()).hasToString(own);
    }

    @Test
    void shouldCreateDealsWithSplits() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String id = post(rep, dealBody("300000.00", splits(rep, "70", "rep-presales", "30")))
                .then().statusCode(201).header("ETag", "\"0\"").body("splits.memberId", contains(rep, "rep-presales"))
                .body("splits.percent", contains("70", "30")).extract().path("id");
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS,
                r -> r.key().equals(id), 1, Duration.ofSeconds(30));
        DealEvent created = EventJson.mapper().readValue(events.getFirst().value(), DealEvent.class);
        assertThat(created.deal().splits()).extracting(CreditSplit::memberId).containsExactly(rep, "rep-presales");
    }

    @Test
    void shouldRefuseServerOwnedFieldsAndBadQueries() {
        String rep = "rep-" + UUID.randomUUID();
        String id = createDeal(rep, "5000.00");
        for (String serverOwned : List.of(",\"id\":\"" + UUID.randomUUID() + "\"", ",\"version\":3",
                ",\"collected\":{\"amount\":\"1\",\"currency\":\"CNY\"}", ",\"pipelineStage\":\"WON\"",
                ",\"createdAt\":\"2026-01-01T00:00:00Z\"", ",\"wonAt\":\"2026-01-01T00:00:00Z\"", ",\"probability\":90",
                ",\"lastActivityAt\":\"2026-01-01T00:00:00Z\"")) {
            String field = serverOwned.substring(2, serverOwned.indexOf('"', 2));
            post(rep, dealBody("1.00", serverOwned)).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem(field));
            put(rep, "rep", id, "\"0\"", terms("1.00", serverOwned)).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem(field));
        }
        post(rep, dealBody("10000000000000.01", "")).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("amount.amount"));
        post(rep, dealBody("1", "").replace("\"amount\":\"1\"", "\"amount\":[1]")).then().statusCode(400)
                .contentType(PROBLEM);
        post(rep, dealBody("1", "").replace("\"newCustomer\":true", "\"newCustomer\":\"maybe\"")).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("newCustomer"));
        TestTokens.as(rep, "rep").when().get(DEALS + "?stage=FINISHED").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("stage"));
        TestTokens.as(rep, "rep").when().get(DEALS + "?size=201").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("size"));
        TestTokens.as(rep, "rep").when().get(DEALS + "?pipelineId=x").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("pipelineId"));
        TestTokens.as(rep, "rep").when().get(DEALS).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].version", equalTo(0));
    }

    static String dealBody(String amount, String extra) {
        return "{\"name\":\"ERP 升级项目\",\"productLine\":\"A\",\"channel\":\"DIRECT\",\"region\":\"华东\","
                + "\"customerTier\":\"KA\",\"newCustomer\":true,\"expectedCloseDate\":\"2026-12-31\","
                + "\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"}" + extra + "}";
    }

    /** The terms {@link #createDeal} opens a deal on, with another amount and extra fields. */
    static String terms(String amount, String extra) {
        return dealBody(amount, extra);
    }

    /** {@code ,"splits":[...]} from member, percent pairs. */
    static String splits(String... memberPercentPairs) {
        StringBuilder json = new StringBuilder(",\"splits\":[");
        for (int i = 0; i < memberPercentPairs.length; i += 2) {
            json.append(i == 0 ? "" : ",").append("{\"memberId\":\"").append(memberPercentPairs[i])
                    .append("\",\"percent\":\"").append(memberPercentPairs[i + 1]).append("\"}");
        }
        return json.append("]").toString();
    }

    private static String elevenSplits(String owner) {
        String[] pairs = new String[22];
        for (int i = 0; i < 11; i++) {
            pairs[2 * i] = i == 0 ? owner : "rep-" + i;
            pairs[2 * i + 1] = i == 0 ? "50" : "5";
        }
        return splits(pairs);
    }

    static String createDeal(String rep, String amount) {
        return post(rep, dealBody(amount, ""))
                .then().statusCode(201).body("stage", equalTo("LEAD")).body("ownerId", equalTo(rep))
                .extract().path("id");
    }

    static io.restassured.response.Response put(String caller, String role, String id, String ifMatch, String body) {
        var request = TestTokens.as(caller, role).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header(EntityTag.IF_MATCH, ifMatch);
        }
        return request.when().put(DEALS + "/" + id);
    }

    static io.restassured.response.Response post(String rep, String body) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body).when().post(DEALS);
    }

    static io.restassured.response.Response move(String rep, String id, String stage) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body("{\"stage\":\"" + stage + "\"}")
                .when().post(DEALS + "/" + id + "/stage");
    }
}
