package io.attain.pipeline.analytics;

import io.attain.pipeline.OrgFixture;
import io.attain.pipeline.PipelineApi;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The analytics endpoints over deals created and moved through the API. Each test uses its own product line, so
 * finance (who sees every deal) looks at this test's deals only. Two reps in two teams, the east team's manager:
 * <ul>
 *   <li>east rep: D1 LEAD 100,000.00 CNY; D2 → CONTACTED → PROPOSAL 200,000.50 CNY; D3 → CONTACTED → NEEDS_ANALYSIS →
 *   PROPOSAL → NEGOTIATION 300,000.00 CNY; D4 → NEGOTIATION → WON 500,000.00 CNY; D5 → CONTACTED → LOST 50,000.00 CNY,
 *   all expected to close on 2026-12-15;</li>
 *   <li>west rep: D6 → PROPOSAL 1,000.05 USD, expected to close on 2027-01-10.</li>
 * </ul>
 */
@QuarkusTest
class AnalyticsResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ANALYTICS = "/api/pipeline/analytics";
    private static final LocalDate DECEMBER = LocalDate.of(2026, 12, 15);
    private static final LocalDate JANUARY = LocalDate.of(2027, 1, 10);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String productLine = "PL-" + suffix;
    private final String eastRep = "east-rep-" + suffix;
    private final String westRep = "west-rep-" + suffix;
    private final String eastManager = "east-mgr-" + suffix;
    private UUID eastTeam;
    private UUID westTeam;

    @BeforeEach
    void funnel() {
        eastTeam = OrgFixture.team(eastManager, eastRep);
        westTeam = OrgFixture.team("west-mgr-" + suffix, westRep);
        PipelineApi.deal(eastRep, productLine, "100000.00", "CNY", DECEMBER);
        PipelineApi.move(eastRep, PipelineApi.deal(eastRep, productLine, "200000.50", "CNY", DECEMBER),
                "CONTACTED", "PROPOSAL");
        PipelineApi.move(eastRep, PipelineApi.deal(eastRep, productLine, "300000.00", "CNY", DECEMBER),
                "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
        PipelineApi.move(eastRep, PipelineApi.deal(eastRep, productLine, "500000.00", "CNY", DECEMBER),
                "NEGOTIATION", "WON");
        PipelineApi.move(eastRep, PipelineApi.deal(eastRep, productLine, "50000.00", "CNY", DECEMBER),
                "CONTACTED", "LOST");
        PipelineApi.move(westRep, PipelineApi.deal(westRep, productLine, "1000.05", "USD", JANUARY), "PROPOSAL");
    }

    private RequestSpecification as(String user, String role) {
        return TestTokens.as(user, role).queryParam("productLine", productLine);
    }

    @Test
    void shouldCountAndWeighTheFunnelPerStageAndCurrency() {
        as("fin-" + suffix, "finance").when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.stage", contains("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON",
                        "COLLECTED", "LOST"))
                .body("stages.count", contains(1, 0, 0, 2, 1, 1, 0, 1))
                .body("stages[0].totals[0].weightedAmount.amount", equalTo("10000.00"))
                .body("stages[3].totals.currency", contains("CNY", "USD"))
                .body("stages[3].totals[0].amount.amount", equalTo("200000.50"))
                .body("stages[3].totals[0].weightedAmount.amount", equalTo("120000.30"))
                .body("stages[3].totals[1].amount", equalTo(java.util.Map.of("amount", "1000.05", "currency", "USD")))
                .body("stages[3].totals[1].weightedAmount.amount", equalTo("600.03"))
                .body("stages[4].totals[0].weightedAmount.amount", equalTo("240000.00"))
                .body("stages[5].totals[0].amount.amount", equalTo("500000.00"));
    }

    @Test
    void shouldFilterByPeriodOfCloseDateOrCreationDate() {
        as("fin-" + suffix, "finance").queryParam("from", "2026-12-01").queryParam("to", "2026-12-31")
                .when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(1, 0, 0, 1, 1, 1, 0, 1));
        as("fin-" + suffix, "finance").queryParam("from", "2027-01-01")
                .when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(0, 0, 0, 1, 0, 0, 0, 0));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        as("fin-" + suffix, "finance").queryParam("periodBy", "CREATED").queryParam("from", today.toString())
                .queryParam("to", today.toString())
                .when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(1, 0, 0, 2, 1, 1, 0, 1));
        as("fin-" + suffix, "finance").queryParam("periodBy", "created").queryParam("from", today.plusDays(1).toString())
                .when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(0, 0, 0, 0, 0, 0, 0, 0));
        as("fin-" + suffix, "finance").queryParam("region", "华北")
                .when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldReportConversionWinRateCycleTimeAndBottleneck() {
        // furthest stages: D1 LEAD, D2 PROPOSAL, D3 NEGOTIATION, D4 WON (skipped the early stages), D5 CONTACTED,
        // D6 PROPOSAL — reached: LEAD 6, CONTACTED 5, NEEDS_ANALYSIS 4, PROPOSAL 4, NEGOTIATION 2, WON 1
        as("fin-" + suffix, "finance").when().get(ANALYTICS + "/conversion").then().statusCode(200)
                .body("conversion.fromStage", contains("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"))
                .body("conversion.reached", contains(6, 5, 4, 4, 2))
                .body("conversion.advanced", contains(5, 4, 4, 2, 1))
                .body("conversion.rate", contains(0.8333f, 0.8f, 1.0f, 0.5f, 0.5f))
                .body("winRate.won", equalTo(1)).body("winRate.lost", equalTo(1)).body("winRate.rate", equalTo(0.5f))
                .body("cycleTime.wonDeals", equalTo(1)).body("cycleTime.lostDeals", equalTo(1))
                .body("cycleTime.averageDays", equalTo(0.0f))
                .body("daysInStage.stage", contains("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"))
                .body("daysInStage.stays", contains(6, 3, 1, 3, 2))
                // only LEAD (6 deals) and CONTACTED (5) reach the 5 deals a bottleneck needs; CONTACTED converts worse
                .body("bottleneck.stage", equalTo("CONTACTED")).body("bottleneck.nextStage", equalTo("NEEDS_ANALYSIS"))
                .body("bottleneck.conversionRate", equalTo(0.8f));
    }

    @Test
    void shouldForecastByCategoryAndCoverTheRemainingTarget() {
        as("fin-" + suffix, "finance").when().get(ANALYTICS + "/forecast").then().statusCode(200)
                .body("categories.category", contains("COMMIT", "BEST_CASE", "PIPELINE", "OMITTED", "CLOSED"))
                .body("categories.count", contains(1, 2, 1, 0, 1))
                .body("forecast.currency", contains("CNY", "USD"))
                .body("forecast[0].closed.amount", equalTo("500000.00"))
                .body("forecast[0].weightedOpen.amount", equalTo("370000.30"))
                .body("forecast[0].expected.amount", equalTo("870000.30"))
                .body("forecast[1].expected.amount", equalTo("600.03"));
        as("fin-" + suffix, "finance").queryParam("target", "400000.00").queryParam("currency", "CNY")
                .when().get(ANALYTICS + "/coverage").then().statusCode(200)
                .body("remainingTarget.amount", equalTo("400000.00")).body("openDeals", equalTo(3))
                .body("openAmount.amount", equalTo("600000.50")).body("weightedOpenAmount.amount", equalTo("370000.30"))
                .body("coverage", equalTo(1.5f)).body("weightedCoverage", equalTo(0.93f))
                .body("otherCurrencyDeals", equalTo(1));
    }

    @Test
    void shouldScopeNumbersToTheRepTheManagersTeamOrEveryone() {
        // The west rep sees their USD deal only; asking for someone else's numbers shows nothing.
        as(westRep, "rep").when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(0, 0, 0, 1, 0, 0, 0, 0));
        as(westRep, "rep").queryParam("owner", eastRep).when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(0, 0, 0, 0, 0, 0, 0, 0));
        // The east manager sees the east rep's five deals, by team too, and nothing of the west team.
        as(eastManager, "manager").when().get(ANALYTICS + "/funnel").then().statusCode(200)
                .body("stages.count", contains(1, 0, 0, 1, 1, 1, 0, 1));
        as(eastManager, "manager").queryParam("team", eastTeam.toString()).when().get(ANALYTICS + "/forecast")
                .then().statusCode(200).body("forecast.currency", contains("CNY"));
        as(eastManager, "manager").queryParam("team", westTeam.toString()).when().get(ANALYTICS + "/funnel")
                .then().statusCode(200).body("stages.count", contains(0, 0, 0, 0, 0, 0, 0, 0));
        as(eastManager, "manager").queryParam("owner", westRep).when().get(ANALYTICS + "/conversion")
                .then().statusCode(200).body("winRate.rate", nullValue()).body("bottleneck", nullValue());
        // Finance narrows by team or owner.
        as("fin-" + suffix, "finance").queryParam("team", westTeam.toString()).when().get(ANALYTICS + "/funnel")
                .then().statusCode(200).body("stages.count", contains(0, 0, 0, 1, 0, 0, 0, 0));
        as("adm-" + suffix, "admin").queryParam("owner", eastRep).when().get(ANALYTICS + "/funnel")
                .then().statusCode(200).body("stages.count", contains(1, 0, 0, 1, 1, 1, 0, 1));
    }

    @Test
    void shouldRejectBadFilters() {
        badRequest(as(eastRep, "rep").queryParam("from", "2026-13-01"), "/funnel", "from");
        badRequest(as(eastRep, "rep").queryParam("to", "yesterday"), "/forecast", "to");
        badRequest(as(eastRep, "rep").queryParam("from", "2026-12-31").queryParam("to", "2026-12-01"), "/conversion", "to");
        badRequest(as(eastRep, "rep").queryParam("periodBy", "CLOSED"), "/funnel", "periodBy");
        badRequest(as(eastRep, "rep").queryParam("team", "east"), "/funnel", "team");
        as(eastManager, "manager").queryParam("team", UUID.randomUUID().toString()).when().get(ANALYTICS + "/funnel")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("org unit"));
        badRequest(as(eastRep, "rep"), "/coverage", "target");
        badRequest(as(eastRep, "rep").queryParam("target", "1000"), "/coverage", "currency");
        badRequest(as(eastRep, "rep").queryParam("target", "abc").queryParam("currency", "CNY"), "/coverage", "target");
        badRequest(as(eastRep, "rep").queryParam("target", "0").queryParam("currency", "CNY"), "/coverage", "target");
        badRequest(as(eastRep, "rep").queryParam("target", "-5").queryParam("currency", "CNY"), "/coverage", "target");
        badRequest(as(eastRep, "rep").queryParam("target", "10.001").queryParam("currency", "CNY"), "/coverage", "target");
        badRequest(as(eastRep, "rep").queryParam("target", "10").queryParam("currency", "XYZ"), "/coverage", "currency");
        given().when().get(ANALYTICS + "/funnel").then().statusCode(401);
        TestTokens.as("crm-" + suffix, "crm-integration").when().get(ANALYTICS + "/funnel").then().statusCode(403);
    }

    private static ValidatableResponse badRequest(RequestSpecification request, String path, String field) {
        return request.when().get(ANALYTICS + path).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field));
    }
}
