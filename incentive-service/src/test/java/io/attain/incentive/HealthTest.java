package io.attain.incentive;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HealthTest {

    @Test
    void shouldReportReadyWithDatabaseAndBothConsumers() {
        await().atMost(CreditLedgerTest.PATIENCE).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.'deal-events'",
                        equalTo("[OK]"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.'target-events'",
                        equalTo("[OK]"));
    }
}
