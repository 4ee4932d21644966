package io.attain.pipeline.api;

import io.attain.pipeline.OrgFixture;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountResourceTest {

    static final String PROBLEM = "application/problem+json";
    static final String ACCOUNTS = "/api/pipeline/accounts";

    @Test
    void shouldCreateReadAndUpdateAccountWithEntityTags() {
        String rep = "rep-" + UUID.randomUUID();
        String location = post(rep, account("华东制造集团", null))
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("name", equalTo("华东制造集团")).body("ownerId", equalTo(rep)).body("tier", equalTo("A"))
                .body("segment", equalTo("KA")).body("size", equalTo("LARGE")).body("version", equalTo(0))
                .body("lastContactedAt", nullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        TestTokens.as(rep, "rep").when().get(location).then().statusCode(200).header("ETag", "\"0\"")
                .body("id", equalTo(id)).body("region", equalTo("华东"));

        put(rep, id, "\"0\"", account("华东制造集团股份", null).replace("\"tier\":\"A\"", "\"tier\":\"B\""))
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("华东制造集团股份"))
                .body("tier", equalTo("B")).body("version", equalTo(1));
        put(rep, id, "\"0\"", account("旧版本", null)).then().statusCode(412).contentType(PROBLEM)
                .body("type", endsWith("/precondition-failed")).body("detail", containsString("version 1"));
        put(rep, id, null, account("没有版本", null)).then().statusCode(428).contentType(PROBLEM)
                .body("type", endsWith("/precondition-required"));
        put(rep, id, "garbage", account("坏标签", null)).then().statusCode(412).contentType(PROBLEM);
        put(rep, id, "*", account("任意版本", null)).then().statusCode(200).header("ETag", "\"2\"");
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + id).then().body("name", equalTo("任意版本"))
                .body("version", equalTo(2));
    }

    @Test
    void shouldSearchFilterSortAndPage() {
        String rep = "rep-" + UUID.randomUUID();
        OrgFixture.team("mgr", rep);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (String name : new String[]{"Delta " + marker, "Alpha " + marker, "Charlie " + marker, "Bravo " + marker}) {
            post(rep, account(name, null)).then().statusCode(201);
        }
        post(rep, account("Other", null).replace("\"tier\":\"A\"", "\"tier\":\"C\"")
                .replace("\"segment\":\"KA\"", "\"segment\":\"LONG_TAIL\"")).then().statusCode(201);

        TestTokens.as(rep, "rep").queryParam("q", marker.toUpperCase()).queryParam("sort", "name")
                .when().get(ACCOUNTS).then().statusCode(200).body("total", equalTo(4))
                .body("items.name", contains("Alpha " + marker, "Bravo " + marker, "Charlie " + marker, "Delta " + marker));
        TestTokens.as(rep, "rep").queryParam("q", marker).queryParam("sort", "-name").queryParam("size", 3)
                .queryParam("page", 1).when().get(ACCOUNTS).then().statusCode(200)
                .body("total", equalTo(4)).body("page", equalTo(1)).body("size", equalTo(3))
                .body("items.name", contains("Alpha " + marker));
        TestTokens.as(rep, "rep").queryParam("sort", "createdAt").when().get(ACCOUNTS).then().statusCode(200)
                .body("total", equalTo(5)).body("items[0].name", equalTo("Delta " + marker))
                .body("items[4].name", equalTo("Other"));
        TestTokens.as(rep, "rep").when().get(ACCOUNTS).then().body("items[0].name", equalTo("Other"));
        TestTokens.as(rep, "rep").queryParam("tier", "C").queryParam("segment", "LONG_TAIL")
                .when().get(ACCOUNTS).then().body("total", equalTo(1)).body("items[0].name", equalTo("Other"));
        TestTokens.as(rep, "rep").queryParam("region", "华东").queryParam("tier", "A")
                .when().get(ACCOUNTS).then().body("total", equalTo(4));
        TestTokens.as("mgr", "manager").queryParam("ownerId", rep).queryParam("segment", "KA")
                .when().get(ACCOUNTS).then().body("total", equalTo(4));
        TestTokens.as(rep, "rep").queryParam("q", "100%_!").when().get(ACCOUNTS).then().statusCode(200)
                .body("total", equalTo(0));

        TestTokens.as(rep, "rep").queryParam("sort", "industry").when().get(ACCOUNTS).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("sort"));
        TestTokens.as(rep, "rep").queryParam("tier", "D").when().get(ACCOUNTS).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("tier"));
        TestTokens.as(rep, "rep").queryParam("segment", "HUGE").when().get(ACCOUNTS).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("segment"));
        TestTokens.as(rep, "rep").queryParam("size", 500).when().get(ACCOUNTS).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("size"));
        TestTokens.as(rep, "rep").queryParam("q", "x".repeat(101)).when().get(ACCOUNTS).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("q"));
    }

    @Test
    void shouldScopeRepsToTheirOwnAccountsAndLetManagersSeeAll() {
        String rep = "rep-" + UUID.randomUUID();
        String otherRep = "rep-" + UUID.randomUUID();
        // mgr manages both reps' team
        OrgFixture.team("mgr", rep, otherRep);
        String id = create(rep, account("某某科技", null));
        create(otherRep, account("另一家公司", null));

        TestTokens.as(otherRep, "rep").when().get(ACCOUNTS + "/" + id).then().statusCode(404).contentType(PROBLEM);
        put(otherRep, id, "\"0\"", account("抢过来", null)).then().statusCode(404).contentType(PROBLEM);
        TestTokens.as(otherRep, "rep").queryParam("ownerId", rep).when().get(ACCOUNTS).then().statusCode(200)
                .body("total", equalTo(0));
        TestTokens.as(otherRep, "rep").when().get(ACCOUNTS).then().body("total", equalTo(1))
                .body("items[0].ownerId", equalTo(otherRep));
        post(rep, account("给别人建", otherRep)).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("ownerId"));
        put(rep, id, "\"0\"", account("转给别人", otherRep)).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("ownerId"));

        TestTokens.as("mgr", "manager").when().get(ACCOUNTS + "/" + id).then().statusCode(200);
        TestTokens.as("mgr", "manager").contentType(ContentType.JSON).body(account("经理分配", otherRep))
                .when().post(ACCOUNTS).then().statusCode(201).body("ownerId", equalTo(otherRep));
        put("mgr", "manager", id, "\"0\"", account("某某科技", otherRep)).then().statusCode(200)
                .body("ownerId", equalTo(otherRep));
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + id).then().statusCode(404);
        TestTokens.as(otherRep, "rep").when().get(ACCOUNTS + "/" + id).then().statusCode(200);
        TestTokens.as("admin", "admin").when().get(ACCOUNTS + "/" + id).then().statusCode(200);
    }

    @Test
    void shouldLetFinanceReadButNotWrite() {
        String rep = "rep-" + UUID.randomUUID();
        String id = create(rep, account("财务只读", null));
        TestTokens.as("fin", "finance").when().get(ACCOUNTS + "/" + id).then().statusCode(200);
        TestTokens.as("fin", "finance").queryParam("ownerId", rep).when().get(ACCOUNTS).then().statusCode(200)
                .body("total", equalTo(1));
        TestTokens.as("fin", "finance").contentType(ContentType.JSON).body(account("x", null))
                .when().post(ACCOUNTS).then().statusCode(403).contentType(PROBLEM);
        put("fin", "finance", id, "\"0\"", account("x", null)).then().statusCode(403).contentType(PROBLEM);
        given().when().get(ACCOUNTS + "/" + id).then().statusCode(401);
        given().when().get(ACCOUNTS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(account("x", null)).when().post(ACCOUNTS).then().statusCode(401);
    }

    @Test
    void shouldRefuseDuplicateExternalIdsWithinOneSystem() {
        String rep = "rep-" + UUID.randomUUID();
        String externalId = "SF-" + UUID.randomUUID();
        String withExternalId = "{\"name\":\"外部客户\",\"externalSystem\":\"salesforce\",\"externalId\":\"" + externalId + "\"}";
        String id = create(rep, withExternalId);
        post(rep, withExternalId).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/duplicate-external-id")).body("detail", containsString(externalId));
        create(rep, withExternalId.replace("salesforce", "hubspot"));
        String second = create(rep, "{\"name\":\"第二家\"}");
        put(rep, second, "\"0\"", withExternalId).then().statusCode(409).contentType(PROBLEM);
        put(rep, id, "\"0\"", withExternalId.replace("外部客户", "外部客户改名")).then().statusCode(200);
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + second).then().body("externalId", nullValue())
                .body("version", equalTo(0));
    }

    @Test
    void shouldRejectBadAccountsNamingTheField() {
        String rep = "rep-" + UUID.randomUUID();
        post(rep, "{\"industry\":\"制造\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name"));
        post(rep, "{\"name\":\"  \"}").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        post(rep, "{\"name\":\"" + "长".repeat(301) + "\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name"));
        post(rep, "{\"name\":\"x\",\"tier\":\"D\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("tier"));
        post(rep, "{\"name\":\"x\",\"segment\":\"腰部\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("segment"));
        post(rep, "{\"name\":\"x\",\"size\":\"HUGE\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("size"));
        post(rep, "{\"name\":\"x\",\"externalId\":\"42\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("externalSystem"));
        post(rep, "{\"name\":\"x\",\"externalSystem\":\"salesforce\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("externalId"));
        for (String serverOwned : new String[]{"id", "version", "createdAt", "updatedAt", "lastContactedAt"}) {
            post(rep, "{\"name\":\"x\",\"" + serverOwned + "\":\"1\"}").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem(serverOwned));
        }
        post(rep, "{\"name\":").then().statusCode(400).contentType(PROBLEM);
        post(rep, "[1]").then().statusCode(400).contentType(PROBLEM);
        TestTokens.as(rep, "rep").when().get(ACCOUNTS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM);
        TestTokens.as(rep, "rep").when().get(ACCOUNTS).then().statusCode(200).body("total", equalTo(0));
    }

    static String account(String name, String ownerId) {
        return "{\"name\":\"" + name + "\",\"industry\":\"制造业\",\"size\":\"LARGE\",\"region\":\"华东\","
                + "\"tier\":\"A\",\"segment\":\"KA\",\"sourceChannel\":\"EXHIBITION\""
                + (ownerId == null ? "" : ",\"ownerId\":\"" + ownerId + "\"") + "}";
    }

    static String create(String rep, String body) {
        return post(rep, body).then().statusCode(201).extract().path("id");
    }

    static Response post(String rep, String body) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body).when().post(ACCOUNTS);
    }

    static Response put(String rep, String id, String ifMatch, String body) {
        return put(rep, "rep", id, ifMatch, body);
    }

    static Response put(String caller, String role, String id, String ifMatch, String body) {
        var request = TestTokens.as(caller, role).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put(ACCOUNTS + "/" + id);
    }
}
