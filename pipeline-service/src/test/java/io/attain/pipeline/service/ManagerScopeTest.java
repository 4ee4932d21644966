package io.attain.pipeline.service;

import io.attain.pipeline.OrgFixture;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A manager sees the deals, accounts, contacts and activities owned in their org subtree — learnt from the org
 * events of targets-service — and nothing else: records of other teams answer 404 as if they did not exist.
 */
@QuarkusTest
class ManagerScopeTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String DEALS = "/api/pipeline/deals";
    private static final String ACCOUNTS = "/api/pipeline/accounts";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String director = "director-" + suffix;
    private final String eastManager = "east-mgr-" + suffix;
    private final String westManager = "west-mgr-" + suffix;
    private final String alice = "alice-" + suffix;
    private final String bob = "bob-" + suffix;

    @Test
    void shouldShowAManagerTheirTeamsDealsAndHideOtherTeams() {
        UUID sales = OrgFixture.team(director);
        OrgFixture.unit(sales, eastManager, alice);
        OrgFixture.unit(sales, westManager, bob);
        String alicesDeal = createDeal(alice);
        String bobsDeal = createDeal(bob);

        TestTokens.as(eastManager, "manager").when().get(DEALS + "/" + alicesDeal).then().statusCode(200)
                .body("ownerId", equalTo(alice));
        TestTokens.as(eastManager, "manager").when().get(DEALS + "/" + bobsDeal).then().statusCode(404)
                .contentType(PROBLEM);
        TestTokens.as(eastManager, "manager").contentType(ContentType.JSON).body("{\"stage\":\"CONTACTED\"}")
                .when().post(DEALS + "/" + bobsDeal + "/stage").then().statusCode(404);
        TestTokens.as(eastManager, "manager").when().get(DEALS + "/" + bobsDeal + "/history").then().statusCode(404);
        TestTokens.as(eastManager, "manager").queryParam("ownerId", bob).when().get(DEALS).then().statusCode(200)
                .body("total", equalTo(0));
        TestTokens.as(eastManager, "manager").queryParam("ownerId", alice).when().get(DEALS).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(alicesDeal));

        // The director manages the department above both teams: the whole subtree.
        TestTokens.as(director, "manager").when().get(DEALS + "/" + alicesDeal).then().statusCode(200);
        TestTokens.as(director, "manager").when().get(DEALS + "/" + bobsDeal).then().statusCode(200);
        // Finance and admins see everything; reps only their own.
        TestTokens.as("fin-" + suffix, "finance").when().get(DEALS + "/" + bobsDeal).then().statusCode(200);
        TestTokens.as(alice, "rep").when().get(DEALS + "/" + bobsDeal).then().statusCode(404);
    }

    @Test
    void shouldLetAManagerMoveAndHandOverDealsWithinTheirSubtreeOnly() {
        String carol = "carol-" + suffix;
        OrgFixture.team(eastManager, alice, carol);
        OrgFixture.team(westManager, bob);
        String alicesDeal = createDeal(alice);

        TestTokens.as(eastManager, "manager").contentType(ContentType.JSON).body("{\"stage\":\"CONTACTED\"}")
                .when().post(DEALS + "/" + alicesDeal + "/stage").then().statusCode(200).body("stage", equalTo("CONTACTED"));
        // Creating a deal for, or handing one to, someone outside the subtree is refused.
        TestTokens.as(eastManager, "manager").contentType(ContentType.JSON).body(dealBody(bob))
                .when().post(DEALS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("ownerId"));
        TestTokens.as(eastManager, "manager").contentType(ContentType.JSON).header("If-Match", "*").body(dealBody(bob))
                .when().put(DEALS + "/" + alicesDeal).then().statusCode(400).body("errors.field", hasItem("ownerId"));
        TestTokens.as(eastManager, "manager").contentType(ContentType.JSON).header("If-Match", "*").body(dealBody(carol))
                .when().put(DEALS + "/" + alicesDeal).then().statusCode(200).body("ownerId", equalTo(carol));
        TestTokens.as(eastManager, "manager").contentType(ContentType.JSON).body(dealBody(carol))
                .when().post(DEALS).then().statusCode(201).body("ownerId", equalTo(carol));
    }

    @Test
    void shouldScopeAccountsContactsAndActivitiesToTheManagersTeam() {
        OrgFixture.team(eastManager, alice);
        OrgFixture.team(westManager, bob);
        String alicesAccount = createAccount(alice, "华东客户 " + suffix);
        String bobsAccount = createAccount(bob, "华北客户 " + suffix);
        String bobsContact = TestTokens.as(bob, "rep").contentType(ContentType.JSON)
                .body("{\"name\":\"王经理\",\"buyingRole\":\"DECISION_MAKER\",\"stance\":\"SUPPORTER\"}")
                .when().post(ACCOUNTS + "/" + bobsAccount + "/contacts").then().statusCode(201)
                .extract().path("id");
        TestTokens.as(alice, "rep").contentType(ContentType.JSON)
                .body("{\"type\":\"VISIT\",\"accountId\":\"" + alicesAccount + "\"}")
                .when().post("/api/pipeline/activities").then().statusCode(201);
        TestTokens.as(bob, "rep").contentType(ContentType.JSON)
                .body("{\"type\":\"CALL\",\"accountId\":\"" + bobsAccount + "\"}")
                .when().post("/api/pipeline/activities").then().statusCode(201);

        TestTokens.as(eastManager, "manager").when().get(ACCOUNTS + "/" + alicesAccount).then().statusCode(200);
        TestTokens.as(eastManager, "manager").when().get(ACCOUNTS + "/" + bobsAccount).then().statusCode(404)
                .contentType(PROBLEM);
        TestTokens.as(eastManager, "manager").when().get("/api/pipeline/contacts/" + bobsContact).then().statusCode(404);
        TestTokens.as(eastManager, "manager").when().get(ACCOUNTS + "/" + bobsAccount + "/contacts").then().statusCode(404);
        TestTokens.as(eastManager, "manager").queryParam("q", suffix).when().get(ACCOUNTS).then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", containsInAnyOrder(alicesAccount));
        TestTokens.as(eastManager, "manager").queryParam("accountId", bobsAccount)
                .when().get("/api/pipeline/activities").then().statusCode(404);
        TestTokens.as(eastManager, "manager").queryParam("accountId", alicesAccount)
                .when().get("/api/pipeline/activities").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldShowAManagerWithoutATeamOnlyTheirOwnRecords() {
        String alicesDeal = createDeal(alice);
        String loneManager = "lone-mgr-" + suffix;

        TestTokens.as(loneManager, "manager").when().get(DEALS + "/" + alicesDeal).then().statusCode(404);
        String own = TestTokens.as(loneManager, "manager").contentType(ContentType.JSON).body(dealBody(loneManager))
                .when().post(DEALS).then().statusCode(201).extract().path("id");
        TestTokens.as(loneManager, "manager").when().get(DEALS + "/" + own).then().statusCode(200);
    }

    private static String dealBody(String owner) {
        return "{\"name\":\"华东制造集团\",\"ownerId\":\"" + owner + "\",\"productLine\":\"A\","
                + "\"amount\":{\"amount\":\"200000.00\",\"currency\":\"CNY\"}}";
    }

    private static String createDeal(String rep) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(dealBody(rep))
                .when().post(DEALS).then().statusCode(201).extract().path("id");
    }

    private static String createAccount(String rep, String name) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .when().post(ACCOUNTS).then().statusCode(201).extract().path("id");
    }
}
