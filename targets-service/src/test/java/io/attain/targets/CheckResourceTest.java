package io.attain.targets;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.attain.targets.SalesOrg.PROBLEM;
import static io.attain.targets.SalesOrg.TYPES;
import static io.attain.targets.SalesOrg.asAdmin;
import static io.attain.targets.SalesOrg.asManager;
import static io.attain.targets.SalesOrg.asRep;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class CheckResourceTest {

    @Test
    void shouldFlagAPlanGrowingFasterThanTheBandUsingStoredHistory() {
        SalesOrg org = SalesOrg.create();
        String planId = asAdmin().body("{\"metric\":\"REVENUE\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"orgUnitId\":\""
                        + org.teamA() + "\",\"value\":{\"amount\":\"120000000.00\",\"currency\":\"CNY\"},"
                        + "\"lastYear\":{\"amount\":\"60000000.00\",\"currency\":\"CNY\"},\"pipeline\":{\"amount\":\"400000000\",\"currency\":\"CNY\"}}")
                .when().post("/api/targets/plans").then().statusCode(201)
                .body("lastYear.amount", equalTo("60000000.00")).extract().path("id");
        asAdmin().body("{\"levels\":[{\"name\":\"half\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"H1\",\"H2\"]}}]}")
                .when().post("/api/targets/plans/" + planId + "/decomposition").then().statusCode(200);

        asManager(org.managerA()).body("{}").when().post("/api/targets/plans/" + planId + "/checks")
                .then().statusCode(200).body("passed", equalTo(false)).body("targets.size()", equalTo(3))
                .body("targets[0].path.size()", equalTo(0)).body("targets[0].passed", equalTo(false))
                .body("targets[0].findings.find { it.check == 'GROWTH_VS_LAST_YEAR' }.severity", equalTo("WARNING"))
                .body("targets[0].findings.find { it.check == 'GROWTH_VS_LAST_YEAR' }.measured", equalTo(1.0f))
                .body("targets[0].findings.find { it.check == 'PIPELINE_COVERAGE' }.severity", equalTo("OK"))
                .body("targets[0].findings.find { it.check == 'SPECIFIC' }.severity", equalTo("OK"))
                .body("targets[1].passed", equalTo(true));

        // history given in the request wins over what the plan stored
        asAdmin().body("{\"lastYear\":{\"amount\":\"100000000\",\"currency\":\"CNY\"},\"pipeline\":{\"amount\":\"200000000\",\"currency\":\"CNY\"}}")
                .when().post("/api/targets/plans/" + planId + "/checks")
                .then().statusCode(200)
                .body("targets[0].findings.find { it.check == 'GROWTH_VS_LAST_YEAR' }.severity", equalTo("OK"))
                .body("targets[0].findings.find { it.check == 'PIPELINE_COVERAGE' }.severity", equalTo("WARNING"));
        asAdmin().body("{\"lastYear\":{\"amount\":\"1\",\"currency\":\"USD\"}}")
                .when().post("/api/targets/plans/" + planId + "/checks")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "unit-mismatch"));
        asManager(org.managerB()).body("{}").when().post("/api/targets/plans/" + planId + "/checks").then().statusCode(404);
    }

    @Test
    void shouldCheckOneTargetWithHistoryFromTheRequest() {
        SalesOrg org = SalesOrg.create();
        String target = AdjustmentResourceTest.draftTarget(org, "2026-01-01", "2026-03-31");
        asRep(org.repA1()).body("{\"lastYear\":{\"amount\":\"990000\",\"currency\":\"CNY\"}}")
                .when().post("/api/targets/targets/" + target + "/checks")
                .then().statusCode(200).body("passed", equalTo(true))
                .body("findings.check", hasItem("TIME_BOUND"))
                .body("findings.find { it.check == 'GROWTH_VS_LAST_YEAR' }.severity", equalTo("OK"))
                .body("findings.find { it.check == 'PIPELINE_COVERAGE' }.severity", equalTo("SKIPPED"));
        asRep(org.repA2()).body("{}").when().post("/api/targets/targets/" + target + "/checks").then().statusCode(404);
        asRep(org.repA1()).body("{\"lastYearQuantity\":3}").when().post("/api/targets/targets/" + target + "/checks")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("lastYearQuantity"));
    }
}
