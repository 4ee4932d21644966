package io.attain.pipeline.api;

import io.attain.pipeline.OrgFixture;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.attain.pipeline.api.AccountResourceTest.PROBLEM;
import static io.attain.pipeline.api.AccountResourceTest.account;
import static io.attain.pipeline.api.AccountResourceTest.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ContactResourceTest {

    static final String CONTACTS = "/api/pipeline/contacts";
    static final String DECISION_MAKER = "{\"name\":\"王总\",\"title\":\"CIO\",\"email\":\"wang@example.cn\","
            + "\"phone\":\"+86 138-0000-0000\",\"buyingRole\":\"DECISION_MAKER\",\"stance\":\"SUPPORTER\"}";

    @Test
    void shouldCreateListReadAndUpdateContactsOfAnAccount() {
        String rep = "rep-" + UUID.randomUUID();
        String accountId = create(rep, account("联系人测试客户", null));
        String location = postContact(rep, accountId, DECISION_MAKER).then().statusCode(201)
                .header("ETag", "\"0\"").body("accountId", equalTo(accountId)).body("buyingRole", equalTo("DECISION_MAKER"))
                .body("stance", equalTo("SUPPORTER")).body("email", equalTo("wang@example.cn"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(location).endsWith(CONTACTS + "/" + id);
        postContact(rep, accountId, "{\"name\":\"李工\",\"buyingRole\":\"TECHNICAL\"}").then().statusCode(201)
                .body("stance", nullValue());

        TestTokens.as(rep, "rep").when().get(AccountResourceTest.ACCOUNTS + "/" + accountId + "/contacts").then()
                .statusCode(200).body("total", equalTo(2)).body("items.name", contains("李工", "王总"));
        TestTokens.as(rep, "rep").when().get(CONTACTS + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("CIO"));

        String blocker = DECISION_MAKER.replace("SUPPORTER", "BLOCKER");
        putContact(rep, id, "\"0\"", blocker).then().statusCode(200).header("ETag", "\"1\"")
                .body("stance", equalTo("BLOCKER")).body("version", equalTo(1)).body("accountId", equalTo(accountId));
        putContact(rep, id, "\"0\"", DECISION_MAKER).then().statusCode(412).contentType(PROBLEM);
        putContact(rep, id, null, DECISION_MAKER).then().statusCode(428).contentType(PROBLEM);
        TestTokens.as(rep, "rep").when().get(CONTACTS + "/" + id).then().body("stance", equalTo("BLOCKER"));
    }

    @Test
    void shouldScopeContactsByTheirAccount() {
        String rep = "rep-" + UUID.randomUUID();
        String otherRep = "rep-" + UUID.randomUUID();
        OrgFixture.team("mgr", rep);
        String accountId = create(rep, account("范围测试客户", null));
        String id = postContact(rep, accountId, DECISION_MAKER).then().statusCode(201).extract().path("id");

        TestTokens.as(otherRep, "rep").when().get(CONTACTS + "/" + id).then().statusCode(404).contentType(PROBLEM);
        putContact(otherRep, id, "\"0\"", DECISION_MAKER).then().statusCode(404);
        postContact(otherRep, accountId, DECISION_MAKER).then().statusCode(404).contentType(PROBLEM);
        TestTokens.as(otherRep, "rep").when().get(AccountResourceTest.ACCOUNTS + "/" + accountId + "/contacts")
                .then().statusCode(404);
        postContact(rep, UUID.randomUUID().toString(), DECISION_MAKER).then().statusCode(404);

        TestTokens.as("mgr", "manager").when().get(CONTACTS + "/" + id).then().statusCode(200);
        TestTokens.as("mgr", "manager").contentType(ContentType.JSON).body(DECISION_MAKER).header("If-Match", "\"0\"")
                .when().put(CONTACTS + "/" + id).then().statusCode(200);
        TestTokens.as("fin", "finance").when().get(CONTACTS + "/" + id).then().statusCode(200);
        TestTokens.as("fin", "finance").contentType(ContentType.JSON).body(DECISION_MAKER).header("If-Match", "\"1\"")
                .when().put(CONTACTS + "/" + id).then().statusCode(403);
        TestTokens.as("fin", "finance").contentType(ContentType.JSON).body(DECISION_MAKER)
                .when().post(AccountResourceTest.ACCOUNTS + "/" + accountId + "/contacts").then().statusCode(403);
        given().when().get(CONTACTS + "/" + id).then().statusCode(401);
    }

    @Test
    void shouldRejectBadContactsNamingTheField() {
        String rep = "rep-" + UUID.randomUUID();
        String accountId = create(rep, account("校验测试客户", null));
        postContact(rep, accountId, "{\"title\":\"CTO\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name"));
        postContact(rep, accountId, "{\"name\":\"x\",\"email\":\"not-an-email\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("email"));
        postContact(rep, accountId, "{\"name\":\"x\",\"email\":\"a@b\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("email"));
        postContact(rep, accountId, "{\"name\":\"x\",\"phone\":\"call me\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("phone"));
        postContact(rep, accountId, "{\"name\":\"x\",\"buyingRole\":\"CEO\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("buyingRole"));
        postContact(rep, accountId, "{\"name\":\"x\",\"stance\":\"HOSTILE\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("stance")).body("detail", containsString("HOSTILE"));
        postContact(rep, accountId, "{\"name\":\"x\",\"accountId\":\"" + UUID.randomUUID() + "\"}").then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("accountId"));
        TestTokens.as(rep, "rep").when().get(AccountResourceTest.ACCOUNTS + "/" + accountId + "/contacts")
                .then().body("total", equalTo(0));
    }

    static Response postContact(String rep, String accountId, String body) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body)
                .when().post(AccountResourceTest.ACCOUNTS + "/" + accountId + "/contacts");
    }

    static Response putContact(String rep, String id, String ifMatch, String body) {
        var request = TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put(CONTACTS + "/" + id);
    }
}
