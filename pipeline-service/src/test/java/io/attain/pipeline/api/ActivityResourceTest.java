package io.attain.pipeline.api;

import io.attain.pipeline.OrgFixture;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ActivityResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ACTIVITIES = "/api/pipeline/activities";
    private static final String DEALS = "/api/pipeline/deals";
    private static final String ACCOUNTS = "/api/pipeline/accounts";

    @Test
    void shouldRecordActivitiesAndMoveLastActivityForwardOnly() {
        String rep = "rep-" + UUID.randomUUID();
        String account = AccountResourceTest.create(rep, AccountResourceTest.account("华东制造集团", null));
        String deal = DealResourceTest.post(rep, DealResourceTest.dealBody("5000.00", ",\"accountId\":\"" + account + "\""))
                .then().statusCode(201).extract().path("id");
        Instant visit = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        record(rep, "{\"type\":\"VISIT\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"" + visit + "\",\"notes\":\" 现场拜访 \"}")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString(ACTIVITIES + "/"))
                .body("type", equalTo("VISIT")).body("dealId", equalTo(deal)).body("accountId", equalTo(account))
                .body("ownerId", equalTo(rep)).body("occurredAt", equalTo(visit.toString()))
                .body("notes", equalTo("现场拜访"));
        // A late record of an older call does not move the last activity back.
        record(rep, "{\"type\":\"CALL\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"" + visit.minus(3, ChronoUnit.DAYS) + "\"}")
                .then().statusCode(201);
        // The last activity is no change of the deal's terms: version, ETag and events stay.
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().statusCode(200).header("ETag", "\"0\"")
                .body("lastActivityAt", equalTo(visit.toString())).body("version", equalTo(0));
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + account).then().statusCode(200)
                .body("lastActivityAt", equalTo(visit.toString())).body("lastContactedAt", equalTo(visit.toString()));

        // An account-only activity moves the account, not the deal.
        String demo = record(rep, "{\"type\":\"DEMO\",\"accountId\":\"" + account + "\"}").then().statusCode(201)
                .body("dealId", nullValue()).extract().path("id");
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().body("lastActivityAt", equalTo(visit.toString()));
        String demoAt = TestTokens.as(rep, "rep").when().get(ACTIVITIES + "/" + demo).then().statusCode(200)
                .extract().path("occurredAt");
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + account).then().body("lastActivityAt", equalTo(demoAt));
    }

    @Test
    void shouldListActivitiesByDealAccountOwnerTypeAndPeriod() {
        String rep = "rep-" + UUID.randomUUID();
        String deal = DealResourceTest.createDeal(rep, "5000.00");
        String account = AccountResourceTest.create(rep, AccountResourceTest.account("客户", null));
        record(rep, "{\"type\":\"CALL\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"2026-01-05T09:00:00Z\"}").then().statusCode(201);
        record(rep, "{\"type\":\"DEMO\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"2026-02-10T09:00:00Z\"}").then().statusCode(201);
        record(rep, "{\"type\":\"PROPOSAL\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"2026-02-28T23:30:00Z\"}").then().statusCode(201);
        record(rep, "{\"type\":\"MEETING\",\"accountId\":\"" + account + "\",\"occurredAt\":\"2026-03-01T00:00:00Z\"}").then().statusCode(201);

        list(rep, "?ownerId=" + rep).then().statusCode(200).body("total", equalTo(4))
                .body("items.type", contains("MEETING", "PROPOSAL", "DEMO", "CALL"));
        list(rep, "?dealId=" + deal).then().body("total", equalTo(3));
        list(rep, "?accountId=" + account).then().body("total", equalTo(1)).body("items[0].type", equalTo("MEETING"));
        list(rep, "?ownerId=" + rep + "&type=DEMO").then().body("total", equalTo(1));
        list(rep, "?ownerId=" + rep + "&from=2026-02-01&to=2026-02-28").then().body("items.type", contains("PROPOSAL", "DEMO"));
        list(rep, "?ownerId=" + rep + "&from=2026-02-10T09:00:00Z&to=2026-03-01T00:00:00Z").then()
                .body("items.type", contains("PROPOSAL", "DEMO"));
        list(rep, "?ownerId=" + rep + "&size=1&page=2").then().body("total", equalTo(4)).body("items.type", contains("DEMO"));

        list(rep, "?size=201").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("size"));
        list(rep, "?page=-1").then().statusCode(400).contentType(PROBLEM);
        list(rep, "?type=LUNCH").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("type"));
        list(rep, "?from=yesterday").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("from"));
        list(rep, "?from=2026-03-01&to=2026-02-01").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("to"));
        list(rep, "?dealId=42").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("dealId"));
    }

    @Test
    void shouldKeepRepsToTheirOwnDealsAndActivities() {
        String rep = "rep-" + UUID.randomUUID();
        String otherRep = "rep-" + UUID.randomUUID();
        String deal = DealResourceTest.createDeal(rep, "5000.00");
        String activity = record(rep, "{\"type\":\"CALL\",\"dealId\":\"" + deal + "\"}").then().statusCode(201)
                .extract().path("id");

        record(otherRep, "{\"type\":\"CALL\",\"dealId\":\"" + deal + "\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("dealId"));
        TestTokens.as(otherRep, "rep").when().get(ACTIVITIES + "/" + activity).then().statusCode(404).contentType(PROBLEM);
        list(otherRep, "?dealId=" + deal).then().statusCode(404).contentType(PROBLEM);
        list(otherRep, "?ownerId=" + rep).then().statusCode(200).body("total", equalTo(0));
        TestTokens.as("fin", "finance").when().get(ACTIVITIES + "/" + activity).then().statusCode(200);
        TestTokens.as("fin", "finance").contentType(ContentType.JSON).body("{\"type\":\"CALL\",\"dealId\":\"" + deal + "\"}")
                .when().post(ACTIVITIES).then().statusCode(403).contentType(PROBLEM);
        io.restassured.RestAssured.given().when().get(ACTIVITIES).then().statusCode(401);
    }

    @Test
    void shouldRejectBadActivitiesWithoutRecordingThem() {
        String rep = "rep-" + UUID.randomUUID();
        String deal = DealResourceTest.createDeal(rep, "5000.00");
        String otherAccount = AccountResourceTest.create(rep, AccountResourceTest.account("另一个客户", null));
        String account = AccountResourceTest.create(rep, AccountResourceTest.account("客户", null));
        String dealOnAccount = DealResourceTest.post(rep, DealResourceTest.dealBody("1.00", ",\"accountId\":\"" + account + "\""))
                .then().statusCode(201).extract().path("id");
        String dealRef = ",\"dealId\":\"" + deal + "\"";

        record(rep, "{\"dealId\":\"" + deal + "\"}").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("type"));
        record(rep, "{\"type\":\"LUNCH\"" + dealRef + "}").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("type"));
        record(rep, "{\"type\":\"CALL\"}").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("dealId"));
        record(rep, "{\"type\":\"CALL\",\"dealId\":\"" + UUID.randomUUID() + "\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("dealId"));
        record(rep, "{\"type\":\"CALL\",\"accountId\":\"" + UUID.randomUUID() + "\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("accountId"));
        record(rep, "{\"type\":\"CALL\",\"dealId\":\"" + dealOnAccount + "\",\"accountId\":\"" + otherAccount + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("accountId"));
        record(rep, "{\"type\":\"CALL\"" + dealRef + ",\"occurredAt\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("occurredAt"));
        record(rep, "{\"type\":\"CALL\"" + dealRef + ",\"occurredAt\":\"1999-12-31T00:00:00Z\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("occurredAt"));
        record(rep, "{\"type\":\"CALL\"" + dealRef + ",\"occurredAt\":\"last tuesday\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("occurredAt"));
        record(rep, "{\"type\":\"CALL\"" + dealRef + ",\"ownerId\":\"someone-else\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("ownerId"));
        record(rep, "{\"type\":\"CALL\"" + dealRef + ",\"notes\":\"" + "x".repeat(2001) + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("notes"));
        record(rep, "{\"type\":\"CALL\"" + dealRef + ",\"notes\":{\"text\":\"x\"}}").then().statusCode(400).contentType(PROBLEM);
        record(rep, "{\"type\":\"CALL\"" + dealRef).then().statusCode(400).contentType(PROBLEM);
        record(rep, "[]").then().statusCode(400).contentType(PROBLEM);

        list(rep, "?ownerId=" + rep).then().statusCode(200).body("total", equalTo(0));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().body("lastActivityAt", nullValue());
    }

    @Test
    void shouldCorrectAndDeleteActivitiesTakingLastActivityBackWithThem() {
        String rep = "rep-" + UUID.randomUUID();
        String account = AccountResourceTest.create(rep, AccountResourceTest.account("西南物流", null));
        String deal = DealResourceTest.post(rep, DealResourceTest.dealBody("5000.00", ",\"accountId\":\"" + account + "\""))
                .then().statusCode(201).extract().path("id");
        Instant call = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant visit = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        record(rep, "{\"type\":\"CALL\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"" + call + "\"}").then().statusCode(201);
        String typo = record(rep, "{\"type\":\"DEMO\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"" + visit + "\"}")
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        lastActivity(rep, deal, account, visit);

        // The visit was a call, on another day: the last activity follows it back.
        Instant correctedAt = visit.minus(3, ChronoUnit.DAYS);
        change(rep, typo, "\"0\"", "{\"type\":\"CALL\",\"occurredAt\":\"" + correctedAt + "\",\"notes\":\" 电话确认需求 \"}")
                .then().statusCode(200).header("ETag", "\"1\"").body("type", equalTo("CALL"))
                .body("occurredAt", equalTo(correctedAt.toString())).body("notes", equalTo("电话确认需求"))
                .body("version", equalTo(1)).body("dealId", equalTo(deal)).body("ownerId", equalTo(rep));
        lastActivity(rep, deal, account, correctedAt);
        // Saving the same correction again changes nothing, not even the version.
        change(rep, typo, "\"1\"", "{\"type\":\"CALL\",\"occurredAt\":\"" + correctedAt + "\",\"notes\":\"电话确认需求\"}")
                .then().statusCode(200).header("ETag", "\"1\"");

        // Stale and missing If-Match, links and owner are not the client's to change, bad values: nothing changes.
        change(rep, typo, "\"0\"", "{\"type\":\"VISIT\",\"occurredAt\":\"" + visit + "\"}").then().statusCode(412).contentType(PROBLEM);
        change(rep, typo, null, "{\"type\":\"VISIT\",\"occurredAt\":\"" + visit + "\"}").then().statusCode(428).contentType(PROBLEM);
        change(rep, typo, "*", "{\"type\":\"VISIT\",\"occurredAt\":\"" + visit + "\",\"dealId\":\"" + UUID.randomUUID() + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("dealId"));
        change(rep, typo, "*", "{\"type\":\"VISIT\",\"occurredAt\":\"" + visit + "\",\"ownerId\":\"x\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("ownerId"));
        change(rep, typo, "*", "{\"type\":\"VISIT\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("occurredAt"));
        change(rep, typo, "*", "{\"type\":\"VISIT\",\"occurredAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("occurredAt"));
        TestTokens.as(rep, "rep").when().get(ACTIVITIES + "/" + typo).then().statusCode(200).header("ETag", "\"1\"")
                .body("type", equalTo("CALL"));

        // Someone else's activity on the rep's deal: seen, not changed; another rep's: not even seen.
        String manager = "mgr-" + UUID.randomUUID();
        String otherRep = "rep-" + UUID.randomUUID();
        OrgFixture.team(manager, rep);
        String managersVisit = TestTokens.as(manager, "manager").contentType(ContentType.JSON)
                .body("{\"type\":\"VISIT\",\"dealId\":\"" + deal + "\",\"occurredAt\":\"" + call + "\"}").when().post(ACTIVITIES)
                .then().statusCode(201).extract().path("id");
        change(rep, managersVisit, "*", "{\"type\":\"CALL\",\"occurredAt\":\"" + call + "\"}").then().statusCode(403)
                .contentType(PROBLEM).body("type", endsWith("/not-activity-owner"));
        TestTokens.as(rep, "rep").when().delete(ACTIVITIES + "/" + managersVisit).then().statusCode(403).contentType(PROBLEM);
        change(otherRep, typo, "*", "{\"type\":\"VISIT\",\"occurredAt\":\"" + visit + "\"}").then().statusCode(404).contentType(PROBLEM);
        TestTokens.as(otherRep, "rep").when().delete(ACTIVITIES + "/" + typo).then().statusCode(404).contentType(PROBLEM);
        TestTokens.as("fin", "finance").when().delete(ACTIVITIES + "/" + typo).then().statusCode(403).contentType(PROBLEM);
        // The rep's manager may correct the rep's activity.
        TestTokens.as(manager, "manager").contentType(ContentType.JSON).header(EntityTag.IF_MATCH, "\"1\"")
                .body("{\"type\":\"CALL\",\"occurredAt\":\"" + correctedAt + "\",\"notes\":\"经理补充\"}")
                .when().put(ACTIVITIES + "/" + typo).then().statusCode(200).header("ETag", "\"2\"");

        // Deleted by mistake: gone, and the last activity falls back to the latest one left; a stale tag deletes nothing.
        TestTokens.as(rep, "rep").header(EntityTag.IF_MATCH, "\"1\"").when().delete(ACTIVITIES + "/" + typo)
                .then().statusCode(412).contentType(PROBLEM);
        TestTokens.as(rep, "rep").header(EntityTag.IF_MATCH, "\"2\"").when().delete(ACTIVITIES + "/" + typo).then().statusCode(204);
        TestTokens.as(rep, "rep").when().get(ACTIVITIES + "/" + typo).then().statusCode(404).contentType(PROBLEM);
        lastActivity(rep, deal, account, call);
        TestTokens.as(manager, "manager").when().delete(ACTIVITIES + "/" + managersVisit).then().statusCode(204);
        list(rep, "?dealId=" + deal).then().statusCode(200).body("total", equalTo(1)).body("items[0].type", equalTo("CALL"));
        lastActivity(rep, deal, account, call);
    }

    private static void lastActivity(String rep, String deal, String account, Instant expected) {
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().statusCode(200)
                .body("lastActivityAt", equalTo(expected.toString())).body("version", equalTo(0));
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + account).then().statusCode(200)
                .body("lastActivityAt", equalTo(expected.toString())).body("lastContactedAt", equalTo(expected.toString()));
    }

    private static Response change(String rep, String id, String ifMatch, String body) {
        var request = TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header(EntityTag.IF_MATCH, ifMatch);
        }
        return request.when().put(ACTIVITIES + "/" + id);
    }

    private static Response record(String rep, String body) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body).when().post(ACTIVITIES);
    }

    private static Response list(String rep, String query) {
        return TestTokens.as(rep, "rep").when().get(ACTIVITIES + query);
    }
}
