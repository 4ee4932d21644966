package io.attain.pipeline.crm;

import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class CrmUserMappingResourceTest {

    private static final String MAPPINGS = "/api/pipeline/crm/user-mappings";
    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldCreateReplaceReadListAndDeleteMappings() {
        String crmUser = "005-" + UUID.randomUUID();
        String path = MAPPINGS + "/hubspot/" + crmUser;
        put(path, "{\"userId\":\"kc-a\"}").then().statusCode(201).body("crmSystem", equalTo("hubspot"))
                .body("crmUser", equalTo(crmUser)).body("userId", equalTo("kc-a")).body("updatedBy", equalTo("admin-1"));
        put(path, "{\"userId\":\"kc-b\"}").then().statusCode(200).body("userId", equalTo("kc-b"));
        TestTokens.as("admin-1", "admin").when().get(path).then().statusCode(200).body("userId", equalTo("kc-b"));
        TestTokens.as("admin-1", "admin").when().get(MAPPINGS + "?crmSystem=hubspot&userId=kc-b").then().statusCode(200)
                .body("items.crmUser", hasItem(crmUser));
        TestTokens.as("admin-1", "admin").when().delete(path).then().statusCode(204);
        TestTokens.as("admin-1", "admin").when().get(path).then().statusCode(404).contentType(PROBLEM);
        TestTokens.as("admin-1", "admin").when().delete(path).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldKeepEmailAddressesInLowerCase() {
        String email = "Wang.Fang-" + UUID.randomUUID() + "@Example.COM";
        put(MAPPINGS + "/hubspot/" + email, "{\"userId\":\"kc-c\"}").then().statusCode(201)
                .body("crmUser", equalTo(email.toLowerCase()));
        TestTokens.as("admin-1", "admin").when().get(MAPPINGS + "/hubspot/" + email.toUpperCase()).then().statusCode(200)
                .body("userId", equalTo("kc-c"));
    }

    @Test
    void shouldRefuseBadMappingsAndNonAdmins() {
        put(MAPPINGS + "/hub spot/005-x", "{\"userId\":\"kc-a\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("crmSystem"));
        put(MAPPINGS + "/hubspot/005-x", "{\"userId\":\"\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("userId"));
        put(MAPPINGS + "/hubspot/005-x", "{\"userId\":\"kc-a\",\"crmUser\":\"x\"}").then().statusCode(400).contentType(PROBLEM);
        put(MAPPINGS + "/hubspot/005-x", "{\"userId\":").then().statusCode(400).contentType(PROBLEM)
                .body("type", endsWith("/malformed-json"));
        TestTokens.as("mgr", "manager").contentType(ContentType.JSON).body("{\"userId\":\"kc-a\"}")
                .when().put(MAPPINGS + "/hubspot/005-x").then().statusCode(403);
        TestTokens.as("crm-integration", "crm-integration").when().get(MAPPINGS).then().statusCode(403);
        TestTokens.as("admin-1", "admin").when().get(MAPPINGS + "?size=500").then().statusCode(400).contentType(PROBLEM);
    }

    private static io.restassured.response.Response put(String path, String body) {
        return TestTokens.as("admin-1", "admin").contentType(ContentType.JSON).body(body).when().put(path);
    }
}
