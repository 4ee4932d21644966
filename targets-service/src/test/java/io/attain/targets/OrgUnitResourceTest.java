package io.attain.targets;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.OrgUnitEvent;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OrgUnitResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldCreateTreeAndPublishOrgEvents() throws Exception {
        String company = createUnit("{\"name\":\"示例公司-" + UUID.randomUUID() + "\",\"kind\":\"COMPANY\"}");
        String department = admin().contentType(ContentType.JSON)
                .body("{\"name\":\"大客户部\",\"kind\":\"DEPARTMENT\",\"parentId\":\"" + company + "\",\"managerId\":\"mgr-ka\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("path[0]", equalTo(company)).body("path.size()", equalTo(2))
                .extract().path("id");

        admin().when().get("/api/targets/org-units/" + department)
                .then().statusCode(200).body("name", equalTo("大客户部")).body("parentId", equalTo(company))
                .body("managerId", equalTo("mgr-ka"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(department), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> event = events.getFirst();
        assertThat(EventProbe.header(event, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORG_UNIT_CHANGED);
        assertThat(EventProbe.header(event, CloudEventHeaders.SOURCE)).isEqualTo("/attain/targets-service");
        assertThat(EventProbe.header(event, CloudEventHeaders.AGGREGATE_VERSION)).isEqualTo("0");
        assertThat(EventProbe.header(event, CloudEventHeaders.ID)).isNotBlank();
        OrgUnitEvent data = EventJson.mapper().readValue(event.value(), OrgUnitEvent.class);
        assertThat(data.path()).containsExactly(UUID.fromString(company), UUID.fromString(department));
        assertThat(data.managerId()).isEqualTo("mgr-ka");
    }

    @Test
    void shouldRejectInvalidUnits() {
        admin().contentType(ContentType.JSON).body("{\"name\":\"Team\",\"kind\":\"TEAM\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("parentId"));
        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"Team\",\"kind\":\"TEAM\",\"parentId\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("parentId"));
        admin().contentType(ContentType.JSON).body("{\"name\":\"X\",\"kind\":\"GALAXY\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("kind"));
        admin().contentType(ContentType.JSON).body("{\"name\":\"X\",\"kind\":\"COMPANY\",\"owner\":\"me\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("owner"));
        admin().contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("title", equalTo("Malformed JSON"));
        admin().contentType(ContentType.JSON).body("{\"kind\":\"COMPANY\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
    }

    @Test
    void shouldRefuseDuplicateSiblingName() {
        String name = "Dup-" + UUID.randomUUID();
        createUnit("{\"name\":\"" + name + "\",\"kind\":\"COMPANY\"}");
        admin().contentType(ContentType.JSON).body("{\"name\":\"" + name.toLowerCase() + "\",\"kind\":\"COMPANY\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/duplicate-org-unit"));
    }

    @Test
    void shouldForbidRepsToChangeTheOrg() {
        TestTokens.as("rep-1", "rep").contentType(ContentType.JSON).body("{\"name\":\"Mine\",\"kind\":\"COMPANY\"}")
                .when().post("/api/targets/org-units")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void shouldAnswerProblemForUnknownUnitAndOversizedPage() {
        admin().when().get("/api/targets/org-units/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        admin().when().get("/api/targets/org-units/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        admin().queryParam("size", 5000).when().get("/api/targets/org-units")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("size"));
    }

    @Test
    void shouldRequireAToken() {
        given().when().get("/api/targets/org-units").then().statusCode(401);
        given().auth().oauth2(TestTokens.expiredToken("admin-1", "admin")).when().get("/api/targets/org-units")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.token("admin-1", "admin") + "x").when().get("/api/targets/org-units")
                .then().statusCode(401);
    }

    static RequestSpecification admin() {
        return TestTokens.as("admin-1", "admin");
    }

    static String createUnit(String body) {
        return admin().contentType(ContentType.JSON).body(body)
                .when().post("/api/targets/org-units")
                .then().statusCode(201).extract().path("id");
    }
}
