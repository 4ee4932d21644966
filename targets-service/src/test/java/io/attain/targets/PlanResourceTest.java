package io.attain.targets;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.attain.targets.SalesOrg.PROBLEM;
import static io.attain.targets.SalesOrg.TYPES;
import static io.attain.targets.SalesOrg.asAdmin;
import static io.attain.targets.SalesOrg.asManager;
import static io.attain.targets.SalesOrg.asRep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class PlanResourceTest {

    static final String PLANS = "/api/targets/plans";

    /** PRODUCT.md: 120,000,000 CNY by product line, region, customer tier, then quarter (seasonality) and month. */
    static final String ANNUAL_LEVELS = """
            {"levels":[
              {"name":"product line","dimension":"PRODUCT_LINE","shares":{"kind":"WEIGHTS","values":{"A":"70","B":"30","services":"20"}}},
              {"name":"region","dimension":"REGION","shares":{"kind":"PERCENTAGES","values":{"core":"70","potential":"30"}}},
              {"name":"tier","dimension":"CUSTOMER_TIER","shares":{"kind":"PERCENTAGES","values":{"large":"40","mid":"40","small":"20"}}},
              {"name":"quarter","dimension":"TIME","shares":{"kind":"PERCENTAGES","values":{"Q1":"20","Q2":"25","Q3":"25","Q4":"30"}}},
              {"name":"month","dimension":"TIME","shares":{"kind":"EQUAL","keys":["M1","M2","M3"]}}
            ]}""";

    static String plan(SalesOrg org, String unit, String member, String from, String to, String amount) {
        return asAdmin().body("{\"name\":\"FY\",\"metric\":\"REVENUE\",\"periodStart\":\"" + from + "\",\"periodEnd\":\"" + to
                        + "\",\"orgUnitId\":\"" + unit + "\"" + (member == null ? "" : ",\"memberId\":\"" + member + "\"")
                        + ",\"value\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldDecomposeTheAnnualTargetIntoDraftTargetsAndPublishThemAll() throws Exception {
        SalesOrg org = SalesOrg.create();
        String planId = plan(org, org.department(), null, "2026-01-01", "2026-12-31", "120000000.00");
        asAdmin().body(ANNUAL_LEVELS).when().post(PLANS + "/" + planId + "/decomposition")
                .then().statusCode(200).body("decomposed", equalTo(true)).body("targetCount", equalTo(316))
                .body("status", equalTo("DRAFT"));

        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int page = 0; page < 2; page++) {
            items.addAll(asAdmin().queryParam("planId", planId).queryParam("size", 200).queryParam("page", page)
                    .when().get("/api/targets/targets").then().statusCode(200).body("total", equalTo(316))
                    .extract().jsonPath().<Map<String, Object>>getList("items"));
        }
        assertThat(items).hasSize(316);
        Map<String, Object> root = items.stream().filter(t -> ((List<?>) t.get("path")).isEmpty()).findFirst().orElseThrow();
        assertThat(root).containsEntry("periodStart", "2026-01-01").containsEntry("status", "DRAFT");
        // one leaf: A / core / large / Q4 / M3 = 120M × 70/120 × 70 % × 40 % × 30 % / 3 = 1,960,000
        Map<String, Object> leaf = items.stream()
                .filter(t -> t.get("path").equals(List.of("A", "core", "large", "Q4", "M3"))).findFirst().orElseThrow();
        assertThat(leaf).containsEntry("periodStart", "2026-12-01").containsEntry("periodEnd", "2026-12-31")
                .containsEntry("level", "month").containsEntry("status", "DRAFT");
        assertThat(leaf.get("dimensions")).isEqualTo(Map.of("productLine", "A", "region", "core", "customerTier", "large"));
        assertThat(((Map<?, ?>) leaf.get("value")).get("amount")).isEqualTo("1960000.00");

        asManager(org.deptManager()).when().post(PLANS + "/" + planId + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        asAdmin().when().post(PLANS + "/" + planId + "/publish")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "plan-not-draft"));
        asAdmin().body(ANNUAL_LEVELS).when().post(PLANS + "/" + planId + "/decomposition")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "plan-not-draft"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.TARGET_EVENTS,
                r -> r.value().contains(planId), 316, Duration.ofSeconds(30));
        assertThat(events).hasSize(316);
        assertThat(events).allSatisfy(e -> assertThat(EventProbe.header(e, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.TARGET_PUBLISHED));
        TargetEvent leafEvent = events.stream().map(PlanResourceTest::event)
                .filter(e -> e.targetId().toString().equals(leaf.get("id"))).findFirst().orElseThrow();
        assertThat(leafEvent.planId()).isEqualTo(UUID.fromString(planId));
        assertThat(leafEvent.value()).isEqualTo(Money.of("1960000", "CNY"));
        assertThat(leafEvent.scope().dimensions()).containsEntry("productLine", "A").containsEntry("customerTier", "large");
        assertThat(leafEvent.periodStart()).hasToString("2026-12-01");
        BigDecimal total = events.stream().map(PlanResourceTest::event).filter(e -> e.periodStart().getMonthValue() == e.periodEnd().getMonthValue()
                        && e.scope().dimensions().size() == 3)
                .map(e -> e.value().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("120000000");
    }

    @Test
    void shouldSplitARepQuarterByMonthsAndTheTeamByMembers() {
        SalesOrg org = SalesOrg.create();
        String repPlan = plan(org, org.teamA(), org.repA1(), "2026-04-01", "2026-06-30", "3000000.00");
        asManager(org.managerA()).body("""
                {"levels":[{"name":"month","dimension":"TIME","shares":{"kind":"WEIGHTS","values":{"M1":"8","M2":"10","M3":"12"}}}]}""")
                .when().post(PLANS + "/" + repPlan + "/decomposition").then().statusCode(200).body("targetCount", equalTo(4));
        JsonPath months = asRep(org.repA1()).queryParam("planId", repPlan).when().get("/api/targets/targets")
                .then().statusCode(200).body("total", equalTo(4)).extract().jsonPath();
        assertThat(months.getList("items.value.amount")).containsExactly("3000000.00", "800000.00", "1000000.00", "1200000.00");
        assertThat(months.getList("items.periodStart")).containsExactly("2026-04-01", "2026-04-01", "2026-05-01", "2026-06-01");
        assertThat(months.getList("items.memberId")).containsOnly(org.repA1());

        String teamPlan = plan(org, org.teamA(), null, "2026-01-01", "2026-12-31", "10000000.00");
        asManager(org.managerA()).body("{\"levels\":[{\"name\":\"rep\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"WEIGHTS\",\"values\":{\""
                        + org.repA1() + "\":\"3\",\"" + org.repA2() + "\":\"2\"}}}]}")
                .when().post(PLANS + "/" + teamPlan + "/decomposition").then().statusCode(200).body("targetCount", equalTo(3));
        asRep(org.repA2()).queryParam("planId", teamPlan).when().get("/api/targets/targets")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].value.amount", equalTo("4000000.00"))
                .body("items[0].orgUnitId", equalTo(org.teamA()));
    }

    @Test
    void shouldRefuseBadPlansWithoutLeavingAnything() {
        SalesOrg org = SalesOrg.create();
        String base = "{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + org.teamA() + "\",";
        asAdmin().body(base + "\"periodStart\":\"2026-12-31\",\"periodEnd\":\"2026-01-01\",\"value\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "period-inverted"))
                .body("errors.field", hasItem("periodEnd"));
        asAdmin().body(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"0\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value.amount"));
        asAdmin().body(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"-3\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value.amount"));
        asAdmin().body(base + "\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"quantity\":12}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("quantity"));
        asAdmin().body("{\"metric\":\"NEW_CUSTOMERS\",\"orgUnitId\":\"" + org.teamA() + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"quantity\":2.5}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("quantity"));
        asAdmin().body("{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + UUID.randomUUID() + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("orgUnitId"));
        asAdmin().body(base + "\"memberId\":\"" + org.repB() + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("memberId"));

        plan(org, org.teamA(), null, "2026-01-01", "2026-12-31", "5000000.00");
        asAdmin().body(base + "\"periodStart\":\"2026-10-01\",\"periodEnd\":\"2027-03-31\",\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "plan-period-overlap"));
        // another metric, another member or the next year do not overlap
        plan(org, org.teamA(), org.repA1(), "2026-01-01", "2026-03-31", "100.00");
        plan(org, org.teamA(), null, "2027-01-01", "2027-12-31", "100.00");
        asAdmin().queryParam("orgUnitId", org.teamA()).when().get(PLANS).then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void shouldRefuseBadDecompositionsAndKeepTheDraftAsItWas() {
        SalesOrg org = SalesOrg.create();
        String planId = plan(org, org.department(), null, "2026-01-01", "2026-12-31", "1000000.00");
        String path = PLANS + "/" + planId + "/decomposition";
        asAdmin().body("{\"levels\":[{\"name\":\"region\",\"dimension\":\"REGION\",\"shares\":{\"kind\":\"PERCENTAGES\",\"values\":{\"core\":\"70\",\"potential\":\"20\"}}}]}")
                .when().post(path).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "percentages-do-not-sum-to-100"));
        asAdmin().body("{\"levels\":[{\"name\":\"team\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\""
                        + org.teamA() + "\",\"ghost-" + UUID.randomUUID() + "\"]}}]}")
                .when().post(path).then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "unknown-org-key"))
                .body("errors.field", hasItem("levels[0]"));
        asAdmin().body("{\"levels\":[{\"name\":\"team\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"" + org.company() + "\"]}}]}")
                .when().post(path).then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-key-outside-scope"));
        asAdmin().body("{\"levels\":[{\"name\":\"q\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"Q1\",\"2027-01\"]}}]}")
                .when().post(path).then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "invalid-period-key"));
        asAdmin().body("{\"levels\":[{\"name\":\"q\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"spring\"]}}]}")
                .when().post(path).then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "invalid-period-key"));
        asAdmin().body("{\"levels\":[{\"name\":\"team\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"WEIGHTS\",\"values\":{\""
                        + org.teamA() + "\":\"-1\",\"" + org.teamB() + "\":\"2\"}}}]}")
                .when().post(path).then().statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPES + "non-positive-weight"));
        asAdmin().body("{\"levels\":[{\"name\":\"accounts\",\"dimension\":\"NEW_VS_EXISTING\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"old\",\"new\"]}}]}")
                .when().post(path).then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "invalid-dimension-key"));
        asAdmin().when().get(PLANS + "/" + planId).then().statusCode(200).body("decomposed", equalTo(false)).body("targetCount", equalTo(1));

        // a valid split into the two teams, then their reps
        asAdmin().body("{\"levels\":[{\"name\":\"team\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"PERCENTAGES\",\"values\":{\""
                        + org.teamA() + "\":\"60\",\"" + org.teamB() + "\":\"40\"}}},"
                        + "{\"name\":\"rep\",\"dimension\":\"ORG\",\"keyedBy\":\"team\",\"sharesByParentKey\":{\""
                        + org.teamA() + "\":{\"kind\":\"EQUAL\",\"keys\":[\"" + org.repA1() + "\",\"" + org.repA2() + "\"]},\""
                        + org.teamB() + "\":{\"kind\":\"EQUAL\",\"keys\":[\"" + org.repB() + "\"]}}}]}")
                .when().post(path).then().statusCode(200).body("targetCount", equalTo(6));
        asManager(org.managerB()).queryParam("planId", planId).when().get("/api/targets/targets")
                .then().statusCode(200).body("total", equalTo(2)).body("items.value.amount", hasItem("400000.00"));
    }

    @Test
    void shouldScopePlansToTheManagersSubtree() {
        SalesOrg org = SalesOrg.create();
        String planId = plan(org, org.teamA(), null, "2026-01-01", "2026-12-31", "1000000.00");
        asManager(org.managerA()).when().get(PLANS + "/" + planId).then().statusCode(200);
        asManager(org.deptManager()).when().get(PLANS + "/" + planId).then().statusCode(200);
        asManager(org.managerB()).when().get(PLANS + "/" + planId).then().statusCode(404).contentType(PROBLEM);
        asManager(org.managerB()).when().post(PLANS + "/" + planId + "/publish").then().statusCode(404).contentType(PROBLEM);
        asManager(org.managerB()).queryParam("orgUnitId", org.teamA()).when().get(PLANS).then().statusCode(200).body("total", equalTo(0));
        asManager(org.managerB()).body("{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + org.teamA()
                        + "\",\"periodStart\":\"2027-01-01\",\"periodEnd\":\"2027-12-31\",\"value\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("orgUnitId"));
        asRep(org.repA1()).when().get(PLANS + "/" + planId).then().statusCode(403).contentType(PROBLEM);
        asRep(org.repA1()).when().post(PLANS + "/" + planId + "/publish").then().statusCode(403);
        asManager(org.managerA()).when().post(PLANS + "/" + planId + "/publish").then().statusCode(200);
    }

    @Test
    void shouldDecomposeCountsInWholeUnitsAndAdjustAPublishedNodeByQuantity() throws Exception {
        SalesOrg org = SalesOrg.create();
        String planId = asAdmin().body("{\"metric\":\"NEW_CUSTOMERS\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2027-12-31\","
                        + "\"orgUnitId\":\"" + org.teamA() + "\",\"quantity\":10}")
                .when().post(PLANS).then().statusCode(201).body("quantity", equalTo(10)).extract().path("id");
        asAdmin().body("{\"levels\":[{\"name\":\"rep\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\""
                        + org.repA1() + "\",\"" + org.repA2() + "\",\"" + org.teamA() + "\"]}}]}")
                .when().post(PLANS + "/" + planId + "/decomposition")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-key-outside-scope"));
        asAdmin().body("{\"levels\":[{\"name\":\"half\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"2026-01-01..2026-12-31\",\"2027-01-01..2027-12-31\"]}},"
                        + "{\"name\":\"rep\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"" + org.repA1() + "\",\"" + org.repA2() + "\",\"" + org.repB() + "\"]}}]}")
                .when().post(PLANS + "/" + planId + "/decomposition")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-key-outside-scope"));
        asAdmin().body("{\"levels\":[{\"name\":\"rep\",\"dimension\":\"ORG\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\""
                        + org.repA1() + "\",\"" + org.repA2() + "\"]}},{\"name\":\"year\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"2026-Q1\",\"2027-Q1\",\"2027-Q2\"]}}]}")
                .when().post(PLANS + "/" + planId + "/decomposition").then().statusCode(200).body("targetCount", equalTo(9));
        asAdmin().when().post(PLANS + "/" + planId + "/publish").then().statusCode(200);

        JsonPath own = asRep(org.repA1()).queryParam("planId", planId).when().get("/api/targets/targets")
                .then().statusCode(200).body("total", equalTo(4)).extract().jsonPath();
        assertThat(own.getList("items.quantity", Integer.class)).containsExactly(5, 2, 2, 1);
        String node = own.getString("items[2].id");
        asManager(org.managerA()).body("{\"newQuantity\":3,\"reason\":\"two big prospects\"}")
                .when().post("/api/targets/targets/" + node + "/adjustments")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("oldQuantity", equalTo(2)).body("newQuantity", equalTo(3));
        String pending = asAdmin().when().get("/api/targets/targets/" + node + "/adjustments").then().extract().path("adjustments[0].id");
        asManager(org.deptManager()).body("{}").when().post("/api/targets/targets/" + node + "/adjustments/" + pending + "/approve")
                .then().statusCode(200).body("status", equalTo("APPLIED"));
        asManager(org.managerA()).body("{\"newQuantity\":3.5,\"reason\":\"half a customer\"}")
                .when().post("/api/targets/targets/" + node + "/adjustments")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("newQuantity"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.TARGET_EVENTS, r -> r.key().equals(node), 2,
                Duration.ofSeconds(20));
        TargetEvent adjusted = event(events.get(1));
        assertThat(EventProbe.header(events.get(1), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.TARGET_ADJUSTED);
        assertThat(adjusted.quantity()).isEqualByComparingTo("3");
        assertThat(adjusted.previousQuantity()).isEqualByComparingTo("2");
        assertThat(adjusted.value()).isNull();
        assertThat(adjusted.planId()).isEqualTo(UUID.fromString(planId));

        String rate = asAdmin().body("{\"metric\":\"RENEWAL_RATE\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\","
                        + "\"orgUnitId\":\"" + org.teamA() + "\",\"quantity\":92.5}")
                .when().post(PLANS).then().statusCode(201).extract().path("id");
        asAdmin().body("{\"levels\":[{\"name\":\"q\",\"dimension\":\"TIME\",\"shares\":{\"kind\":\"EQUAL\",\"keys\":[\"H1\",\"H2\"]}}]}")
                .when().post(PLANS + "/" + rate + "/decomposition")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "metric-not-decomposable"));
        asAdmin().body("{\"metric\":\"RENEWAL_RATE\",\"periodStart\":\"2027-01-01\",\"periodEnd\":\"2027-12-31\","
                        + "\"orgUnitId\":\"" + org.teamA() + "\",\"quantity\":120}")
                .when().post(PLANS).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("quantity"));
    }

    static TargetEvent event(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readValue(record.value(), TargetEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
