package io.attain.targets;

import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class DecompositionResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://attain.io/problems/";
    private static final String PREVIEW = "/api/targets/decompositions/preview";
    private static final String FUNNEL = "/api/targets/reverse-funnel";

    /** PRODUCT.md: 120,000,000 CNY by product line 70/30/20 M, regions core 70 % / potential 30 %, tiers 40/40/20 %. */
    private static final String ANNUAL_TEAM_TARGET = """
            {"value":{"amount":"120000000.00","currency":"CNY"},
             "levels":[
               {"name":"product line","dimension":"PRODUCT_LINE","shares":{"kind":"WEIGHTS","values":{"A":"70","B":"30","services":"20"}}},
               {"name":"region","dimension":"REGION","shares":{"kind":"PERCENTAGES","values":{"core":"70","potential":"30"}}},
               {"name":"tier","dimension":"CUSTOMER_TIER","shares":{"kind":"PERCENTAGES","values":{"large":40,"mid":40,"small":20}}}
             ]}""";

    /** PRODUCT.md: a rep's 3,000,000 quarter, months 800,000 / 1,000,000 / 1,200,000 (weights 8 / 10 / 12). */
    private static final String REP_QUARTER_LEVELS = """
             "levels":[{"name":"month","dimension":"TIME","shares":{"kind":"WEIGHTS","values":{"M1":"8","M2":"10","M3":"12"}}}]""";

    @Test
    void shouldDecomposeTheAnnualTeamTarget() {
        manager().body(ANNUAL_TEAM_TARGET).when().post(PREVIEW)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("tree.value.amount", equalTo("120000000.00")).body("tree.value.currency", equalTo("CNY"))
                .body("tree.key", nullValue())
                .body("tree.children.key", equalTo(java.util.List.of("A", "B", "services")))
                .body("tree.children[0].value.amount", equalTo("70000000.00"))
                .body("tree.children[1].value.amount", equalTo("30000000.00"))
                .body("tree.children[2].value.amount", equalTo("20000000.00"))
                .body("tree.children[0].level", equalTo("product line"))
                .body("tree.children[0].children[0].path", equalTo(java.util.List.of("A", "core")))
                .body("tree.children[0].children[0].value.amount", equalTo("49000000.00"))
                .body("tree.children[0].children[0].children[0].value.amount", equalTo("19600000.00"))
                .body("tree.children[2].children[1].children[2].path", equalTo(java.util.List.of("services", "potential", "small")))
                .body("tree.children[2].children[1].children[2].value.amount", equalTo("1200000.00"))
                .body("totals.nodeCount", equalTo(28)).body("totals.leafCount", equalTo(18))
                .body("totals.leafSum.amount", equalTo("120000000.00"))
                .body("totals.levels[1].level", equalTo("region")).body("totals.levels[1].dimension", equalTo("REGION"))
                .body("totals.levels[1].totals.core.amount", equalTo("84000000.00"))
                .body("totals.levels[1].totals.potential.amount", equalTo("36000000.00"))
                .body("totals.levels[2].totals.large.amount", equalTo("48000000.00"))
                .body("totals.levels[2].totals.small.amount", equalTo("24000000.00"))
                .body("gap", nullValue());
    }

    @Test
    void shouldSplitTheRepQuarterByMonthWeights() {
        admin().body("{\"value\":{\"amount\":\"3000000\",\"currency\":\"CNY\"}," + REP_QUARTER_LEVELS + "}")
                .when().post(PREVIEW)
                .then().statusCode(200)
                .body("tree.children.key", equalTo(java.util.List.of("M1", "M2", "M3")))
                .body("tree.children[0].value.amount", equalTo("800000.00"))
                .body("tree.children[1].value.amount", equalTo("1000000.00"))
                .body("tree.children[2].value.amount", equalTo("1200000.00"));
    }

    @Test
    void shouldSplitMonthsOfEachQuarterByTheirOwnWeights() {
        manager().body("""
                {"value":{"amount":"100.00","currency":"CNY"},
                 "levels":[
                   {"name":"quarter","dimension":"TIME","shares":{"kind":"EQUAL","keys":["Q1","Q2","Q3"]}},
                   {"name":"month","dimension":"TIME","keyedBy":"quarter","sharesByParentKey":{
                      "Q1":{"kind":"WEIGHTS","values":{"Jan":1,"Feb":1,"Mar":2}},
                      "Q2":{"kind":"EQUAL","keys":["Apr","May","Jun"]},
                      "Q3":{"kind":"HISTORY","values":{"Jul":"0","Aug":"0"},"zeroHistory":"EQUAL_SHARES"}}}]}""")
                .when().post(PREVIEW)
                .then().statusCode(200)
                .body("tree.children[0].value.amount", equalTo("33.34"))
                .body("tree.children[1].value.amount", equalTo("33.33"))
                .body("tree.children[0].children.value.amount", equalTo(java.util.List.of("8.34", "8.33", "16.67")))
                .body("tree.children[1].children.key", equalTo(java.util.List.of("Apr", "May", "Jun")))
                .body("tree.children[2].children.value.amount", equalTo(java.util.List.of("16.67", "16.66")))
                .body("totals.nodeCount", equalTo(12)).body("totals.leafSum.amount", equalTo("100.00"));
    }

    @Test
    void shouldHonourPinsAndRedistributeTheRest() {
        // PRODUCT.md: key-account team 80,000,000 = existing accounts 60,000,000 + new accounts 20,000,000
        manager().body("""
                {"value":{"amount":"80000000","currency":"CNY"},
                 "levels":[{"name":"customers","dimension":"NEW_VS_EXISTING","shares":{"kind":"EQUAL","keys":["existing","new"]}}],
                 "pins":[{"path":["existing"],"value":{"amount":"60000000","currency":"CNY"}}]}""")
                .when().post(PREVIEW)
                .then().statusCode(200)
                .body("tree.children[0].value.amount", equalTo("60000000.00"))
                .body("tree.children[1].value.amount", equalTo("20000000.00"));
        // a pin deep in the tree: A/core fixed, A/potential takes the rest of A; other product lines untouched
        manager().body(ANNUAL_TEAM_TARGET.replace("]}", "],\"pins\":[{\"path\":[\"A\",\"core\"],\"value\":{\"amount\":\"50000000.00\",\"currency\":\"CNY\"}}]}"))
                .when().post(PREVIEW)
                .then().statusCode(200)
                .body("tree.children[0].children[0].value.amount", equalTo("50000000.00"))
                .body("tree.children[0].children[1].value.amount", equalTo("20000000.00"))
                .body("tree.children[0].children[0].children[0].value.amount", equalTo("20000000.00"))
                .body("tree.children[1].children[0].value.amount", equalTo("21000000.00"));
    }

    @Test
    void shouldDecomposeCounts() {
        manager().body("""
                {"quantity":10,
                 "levels":[{"name":"rep","dimension":"ORG","shares":{"kind":"EQUAL","keys":["r1","r2","r3"]}}],
                 "pins":[{"path":["r3"],"quantity":2}]}""")
                .when().post(PREVIEW)
                .then().statusCode(200)
                .body("tree.quantity", equalTo(10)).body("tree.value", nullValue())
                .body("tree.children.quantity", equalTo(java.util.List.of(4, 4, 2)))
                .body("totals.levels[0].quantities.r1", equalTo(4));
    }

    @Test
    void shouldCompareTheProposalWithCommitments() {
        manager().body("{\"value\":{\"amount\":\"3000000\",\"currency\":\"CNY\"}," + REP_QUARTER_LEVELS + ","
                        + "\"compare\":{\"level\":\"month\",\"commitments\":["
                        + "{\"path\":[\"M1\"],\"value\":{\"amount\":\"700000\",\"currency\":\"CNY\"}},"
                        + "{\"path\":[\"M2\"],\"value\":{\"amount\":\"1100000\",\"currency\":\"CNY\"}}]}}")
                .when().post(PREVIEW)
                .then().statusCode(200)
                .body("gap.level", equalTo("month"))
                .body("gap.total.proposed.amount", equalTo("3000000.00"))
                .body("gap.total.committed.amount", equalTo("1800000.00"))
                .body("gap.total.gap.amount", equalTo("1200000.00"))
                .body("gap.total.gapPercent", equalTo("40.00"))
                .body("gap.total.shortfall", equalTo(true))
                .body("gap.total.missingCommitments", equalTo(1))
                .body("gap.nodes[1].path", equalTo(java.util.List.of("M1")))
                .body("gap.nodes[1].gap.amount", equalTo("100000.00"))
                .body("gap.nodes[2].gap.amount", equalTo("-100000.00"))
                .body("gap.nodes[2].shortfall", equalTo(false))
                .body("gap.uncommitted", equalTo(java.util.List.of(java.util.List.of("M3"))));
    }

    @Test
    void shouldComputeTheReverseFunnel() {
        TestTokens.as("rep-funnel", "rep").contentType(ContentType.JSON).body("""
                {"target":{"amount":"3000000","currency":"CNY"},"averageDealSize":{"amount":"100000","currency":"CNY"},
                 "conversionRates":{"LEAD":"0.5","CONTACTED":"0.5","NEEDS_ANALYSIS":"0.5","PROPOSAL":"0.5","NEGOTIATION":"0.5"}}""")
                .when().post(FUNNEL)
                .then().statusCode(200)
                .body("target.amount", equalTo("3000000"))
                .body("stages.stage", equalTo(java.util.List.of("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON")))
                .body("stages.required", equalTo(java.util.List.of(960, 480, 240, 120, 60, 30)))
                .body("stages[0].conversionToNext", equalTo(0.5f))
                .body("stages[5].conversionToNext", nullValue());
    }

    @Test
    void shouldRejectBadFunnels() {
        String rates = "\"conversionRates\":{\"LEAD\":\"0.5\",\"CONTACTED\":\"0.5\",\"NEEDS_ANALYSIS\":\"0.5\",\"PROPOSAL\":\"0.5\",\"NEGOTIATION\":\"%s\"}";
        funnel("{\"target\":{\"amount\":\"3000000\",\"currency\":\"CNY\"},\"averageDealSize\":{\"amount\":\"100000\",\"currency\":\"CNY\"},"
                + rates.formatted("1.5") + "}")
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "invalid-conversion-rate"))
                .body("errors.field", hasItem("conversionRates")).body("detail", containsString("1.5"));
        funnel("{\"target\":{\"amount\":\"3000000\",\"currency\":\"CNY\"},\"averageDealSize\":{\"amount\":\"0\",\"currency\":\"CNY\"},"
                + rates.formatted("0.5") + "}")
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "non-positive-deal-size"))
                .body("errors.field", hasItem("averageDealSize.amount"));
        funnel("{\"target\":{\"amount\":\"-1\",\"currency\":\"CNY\"},\"averageDealSize\":{\"amount\":\"100\",\"currency\":\"CNY\"},"
                + rates.formatted("0.5") + "}")
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "negative-target"));
        funnel("{\"target\":{\"amount\":\"100\",\"currency\":\"USD\"},\"averageDealSize\":{\"amount\":\"100\",\"currency\":\"CNY\"},"
                + rates.formatted("0.5") + "}")
                .statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "unit-mismatch"));
        funnel("{\"target\":{\"amount\":\"100\",\"currency\":\"CNY\"},\"averageDealSize\":{\"amount\":\"100\",\"currency\":\"CNY\"},"
                + "\"conversionRates\":{\"LEAD\":\"0.5\"}}")
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "invalid-conversion-rate"))
                .body("detail", containsString("CONTACTED"));
        funnel("{\"target\":{\"amount\":\"100\",\"currency\":\"CNY\"},\"averageDealSize\":{\"amount\":\"100\",\"currency\":\"CNY\"},"
                + "\"conversionRates\":{\"CLOSING\":\"0.5\"}}")
                .statusCode(400).contentType(PROBLEM);
        funnel("{\"averageDealSize\":{\"amount\":\"100\",\"currency\":\"CNY\"}," + rates.formatted("0.5") + "}")
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("target"));
        given().contentType(ContentType.JSON).body("{}").when().post(FUNNEL).then().statusCode(401);
    }

    @Test
    void shouldRejectPercentagesNotAddingUpTo100() {
        preview(ANNUAL_TEAM_TARGET.replace("\"potential\":\"30\"", "\"potential\":\"20\""))
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "percentages-do-not-sum-to-100"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("levels[1].shares.values"))
                .body("detail", containsString("add up to 90"));
    }

    @Test
    void shouldRejectNonPositiveValues() {
        preview(ANNUAL_TEAM_TARGET.replace("\"120000000.00\"", "\"-5.00\""))
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "non-positive-parent"))
                .body("errors.field", hasItem("value.amount")).body("detail", containsString("-5.00"));
        preview(ANNUAL_TEAM_TARGET.replace("\"120000000.00\"", "\"10.001\""))
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "too-many-decimals")).body("errors.field", hasItem("value.amount"));
        preview(ANNUAL_TEAM_TARGET.replace("\"70\",\"B\"", "\"-70\",\"B\""))
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "non-positive-weight")).body("errors.field", hasItem("levels[0].shares.values"));
    }

    @Test
    void shouldRejectPinsAboveTheirParent() {
        preview(ANNUAL_TEAM_TARGET.replace("]}", "],\"pins\":[{\"path\":[\"A\"],\"value\":{\"amount\":\"130000000\",\"currency\":\"CNY\"}}]}"))
                .statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "pins-exceed-parent"))
                .body("errors.field", hasItem("pins")).body("detail", containsString("130000000.00"));
        preview(ANNUAL_TEAM_TARGET.replace("]}", "],\"pins\":[{\"path\":[\"C\"],\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}]}"))
                .statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "unknown-key"))
                .body("detail", containsString("[C]"));
        preview(ANNUAL_TEAM_TARGET.replace("]}", "],\"pins\":[{\"path\":[\"A\"],\"value\":{\"amount\":\"-1\",\"currency\":\"CNY\"}}]}"))
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "negative-pin"));
        preview(ANNUAL_TEAM_TARGET.replace("]}", "],\"pins\":[{\"path\":[\"A\"],\"quantity\":5}]}"))
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("pins[0].value"));
    }

    @Test
    void shouldRejectMalformedLevels() {
        preview(ANNUAL_TEAM_TARGET.replace("\"REGION\"", "\"GALAXY\""))
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "invalid-request"))
                .body("errors.field", hasItem("levels[1].dimension"));
        preview("{\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"},\"levels\":[]}")
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("levels"));
        preview(ANNUAL_TEAM_TARGET.replace("\"region\"", "\"product line\""))
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "duplicate-key"))
                .body("errors.field", hasItem("levels"));
        preview("""
                {"value":{"amount":"1","currency":"CNY"},
                 "levels":[{"name":"month","dimension":"TIME","keyedBy":"quarter","sharesByParentKey":{"Q1":{"kind":"EQUAL","keys":["Jan"]}}}]}""")
                .statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "invalid-level"))
                .body("detail", containsString("quarter"));
        preview("{\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"},\"levels\":[{\"name\":\"x\",\"dimension\":\"TIME\"}]}")
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("levels[0]"));
        preview("{\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"},\"quantity\":3,"
                + "\"levels\":[{\"name\":\"x\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"a\"]}}]}")
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"));
        preview(ANNUAL_TEAM_TARGET.replace("\"levels\"", "\"colour\":\"blue\",\"levels\""))
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("colour"));
    }

    @Test
    void shouldRefuseTreesTooLargeToReturn() {
        String tenKeys = "{\"kind\":\"EQUAL\",\"keys\":[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]}";
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            levels.append(i == 0 ? "" : ",").append("{\"name\":\"l").append(i)
                    .append("\",\"dimension\":\"ORG\",\"shares\":").append(tenKeys).append('}');
        }
        preview("{\"value\":{\"amount\":\"1000000\",\"currency\":\"CNY\"},\"levels\":[" + levels + "]}")
                .statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "decomposition-too-large"))
                .body("detail", containsString("100000"));
    }

    @Test
    void shouldReportGapsInBadCommitments() {
        String body = "{\"value\":{\"amount\":\"3000000\",\"currency\":\"CNY\"}," + REP_QUARTER_LEVELS + ","
                + "\"compare\":{\"level\":\"%s\",\"commitments\":[{\"path\":%s,\"value\":{\"amount\":\"%s\",\"currency\":\"CNY\"}}]}}";
        preview(body.formatted("week", "[\"M1\"]", "1")).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unknown-key")).body("errors.field", hasItem("compare.level"));
        preview(body.formatted("month", "[\"M4\"]", "1")).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unknown-key")).body("errors.field", hasItem("compare.commitments"));
        preview(body.formatted("month", "[\"M1\"]", "-1")).statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "negative-commitment"));
    }

    @Test
    void shouldLetOnlyManagersAndAdminsPreview() {
        TestTokens.as("rep-1", "rep").contentType(ContentType.JSON).body(ANNUAL_TEAM_TARGET).when().post(PREVIEW)
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(TYPES + "forbidden"));
        TestTokens.as("fin-1", "finance").contentType(ContentType.JSON).body(ANNUAL_TEAM_TARGET).when().post(PREVIEW)
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(ANNUAL_TEAM_TARGET).when().post(PREVIEW)
                .then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification manager() {
        return TestTokens.as("mgr-preview", "manager").contentType(ContentType.JSON);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return TestTokens.as("admin-1", "admin").contentType(ContentType.JSON);
    }

    private static ValidatableResponse preview(String body) {
        return manager().body(body).when().post(PREVIEW).then();
    }

    private static ValidatableResponse funnel(String body) {
        return manager().body(body).when().post(FUNNEL).then();
    }
}
