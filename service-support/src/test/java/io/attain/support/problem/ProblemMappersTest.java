package io.attain.support.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** What a client sees when a request fails: RFC 9457 problem details, never internals. */
@QuarkusTest
class ProblemMappersTest {

    static final String PROBLEM = "application/problem+json";
    static final String TYPES = "https://attain.io/problems/";

    @Test
    void shouldRenderAProblemExceptionWithItsStatusTypeAndDetail() {
        given().when().post("/test/problems/things/7/lock")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "thing-locked"))
                .body("title", equalTo("Thing locked"))
                .body("status", equalTo(409))
                .body("detail", equalTo("thing 7 is locked by another change"))
                .body("instance", equalTo("/test/problems/things/7/lock"))
                .body("errors", nullValue());
        given().when().get("/test/problems/things/42")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "not-found"))
                .body("detail", equalTo("thing 42 does not exist"));
    }

    @Test
    void shouldListEveryInvalidFieldOfABody() {
        json("{\"name\":\" \",\"quantity\":0}").when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "invalid-request"))
                .body("errors.field", contains("name", "quantity"))
                .body("errors.message", contains("must not be blank", "must be greater than zero"))
                .body("detail", equalTo("name: must not be blank; quantity: must be greater than zero"));
        json("{\"name\":\"Widget\"}").when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("quantity"));
        json("{\"name\":\"Widget\",\"quantity\":3}").when().post("/test/problems/things")
                .then().statusCode(200).body("quantity", equalTo(3));
    }

    @Test
    void shouldNameAnInvalidQueryParameter() {
        given().queryParam("size", 5000).when().get("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("size"))
                .body("errors.message", hasItem("must be at most 200"));
        given().queryParam("page", -1).when().get("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("page"));
    }

    @Test
    void shouldNameAnUnknownField() {
        json("{\"name\":\"Widget\",\"quantity\":1,\"owner\":\"someone-else\"}").when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "invalid-request"))
                .body("detail", equalTo("unknown field 'owner'"))
                .body("errors.field", contains("owner"));
    }

    @Test
    void shouldNameAFieldOfTheWrongTypeOrWithARefusedValue() {
        json("{\"name\":\"Widget\",\"quantity\":\"many\"}").when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("quantity"));
        json("{\"name\":\"Widget\",\"quantity\":1,\"price\":{\"amount\":\"1.00\",\"currency\":\"XYZ\"}}")
                .when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("price"))
                .body("detail", containsString("XYZ"));
    }

    @Test
    void shouldAnswerMalformedJsonWithItsOwnType() {
        json("{\"name\":").when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-json"))
                .body("title", equalTo("Malformed JSON"));
        json("{\"name\" \"Widget\"}").when().post("/test/problems/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void shouldMapConcurrencyCurrencyAndSecurityFailures() {
        given().when().get("/test/problems/stale")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "concurrent-modification"));
        given().when().get("/test/problems/currencies")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "currency-mismatch"));
        given().when().get("/test/problems/anonymous")
                .then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unauthorized"))
                .body("detail", not(containsString("/test/problems")));
        given().when().get("/test/problems/forbidden")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "forbidden"))
                .body("detail", not(containsString("rep-1")));
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithProblems() {
        given().when().get("/test/problems/nowhere")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
        given().when().delete("/test/problems/things/7/lock")
                .then().statusCode(405).contentType(PROBLEM)
                .body("status", equalTo(405));
    }

    @Test
    void shouldHideTheCauseOfAnUnexpectedFailure() {
        given().when().get("/test/problems/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "internal-error"))
                .body("title", equalTo("Internal error"))
                .body(allOf(
                        not(containsString("IllegalStateException")),
                        not(containsString("java.")),
                        not(containsString("io.attain")),
                        not(containsString("db-internal")),
                        not(containsString("password")),
                        not(containsString("\tat "))));
    }

    private static RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }
}
