package io.attain.targets;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.TargetEvent;
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

import static io.attain.targets.OrgUnitResourceTest.admin;
import static io.attain.targets.OrgUnitResourceTest.createUnit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class TargetResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldDraftPublishAndEmitTargetEvent() throws Exception {
        Fixture f = fixture();
        String id = draft(f, "\"value\":{\"amount\":\"3000000.00\",\"currency\":\"CNY\"}");

        admin().when().post("/api/targets/targets/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("value.amount", equalTo("3000000.00")).body("value.currency", equalTo("CNY"));
        admin().when().post("/api/targets/targets/" + id + "/publish")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/target-not-draft"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.TARGET_EVENTS,
                r -> r.key().equals(id), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(EventProbe.header(events.getFirst(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.TARGET_PUBLISHED);
        TargetEvent event = EventJson.mapper().readValue(events.getFirst().value(), TargetEvent.class);
        assertThat(event.value()).isEqualTo(Money.of("3000000", "CNY"));
        assertThat(event.scope().memberId()).isEqualTo(f.rep);
        assertThat(event.metric()).isEqualTo("REVENUE");
    }

    @Test
    void shouldRejectBadTargets() {
        Fixture f = fixture();
        String base = "{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + f.team + "\",";
        post(base + "\"periodStart\":\"2026-12-31\",\"periodEnd\":\"2026-01-01\",\"value\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("periodEnd"));
        post(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"-5.00\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value.amount"));
        post(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"0\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value.amount"));
        post(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"10.001\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value.amount"));
        post(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"10\",\"currency\":\"XYZ\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"))
                .body("detail", org.hamcrest.Matchers.containsString("XYZ"));
        post(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"ten\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value.amount"));
        post(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"));
        post("{\"metric\":\"VISITS\",\"orgUnitId\":\"" + f.team + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("quantity"));
        post(base + "\"memberId\":\"nobody\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("memberId"));
        post("{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + UUID.randomUUID() + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("orgUnitId"));
        admin().when().get("/api/targets/targets?orgUnitId=" + f.team).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldScopeTargetsToTheirOwnerAndManager() {
        Fixture f = fixture();
        String id = draft(f, "\"value\":{\"amount\":\"800000.00\",\"currency\":\"CNY\"}");

        TestTokens.as(f.rep, "rep").when().get("/api/targets/targets/" + id).then().statusCode(200);
        TestTokens.as(f.rep, "rep").when().get("/api/targets/targets").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        TestTokens.as("someone-else", "rep").when().get("/api/targets/targets/" + id).then().statusCode(404)
                .contentType(PROBLEM);
        TestTokens.as("someone-else", "rep").when().get("/api/targets/targets").then().statusCode(200)
                .body("total", equalTo(0));
        TestTokens.as(f.manager, "manager").when().get("/api/targets/targets/" + id).then().statusCode(200);
        TestTokens.as("other-manager", "manager").when().get("/api/targets/targets/" + id).then().statusCode(404);
        TestTokens.as("other-manager", "manager").when().post("/api/targets/targets/" + id + "/publish")
                .then().statusCode(404);
        TestTokens.as(f.rep, "rep").when().post("/api/targets/targets/" + id + "/publish").then().statusCode(403);
        TestTokens.as(f.manager, "manager").when().post("/api/targets/targets/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    record Fixture(String company, String team, String rep, String manager) {
    }

    static Fixture fixture() {
        String suffix = UUID.randomUUID().toString();
        String manager = "mgr-" + suffix;
        String company = createUnit("{\"name\":\"Co-" + suffix + "\",\"kind\":\"COMPANY\"}");
        String team = createUnit("{\"name\":\"大客户部\",\"kind\":\"DEPARTMENT\",\"parentId\":\"" + company
                + "\",\"managerId\":\"" + manager + "\"}");
        String rep = "rep-" + suffix;
        admin().contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + rep + "\",\"displayName\":\"张三\",\"orgUnitId\":\"" + team + "\",\"role\":\"REP\"}")
                .when().post("/api/targets/members").then().statusCode(201);
        return new Fixture(company, team, rep, manager);
    }

    static String draft(Fixture f, String value) {
        return post("{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + f.team + "\",\"memberId\":\"" + f.rep
                + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-03-31\"," + value + "}")
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
    }

    static io.restassured.response.Response post(String body) {
        return admin().contentType(ContentType.JSON).body(body).when().post("/api/targets/targets");
    }

}
