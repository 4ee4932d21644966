package io.attain.targets;

import io.agroal.api.AgroalDataSource;
import io.attain.events.EventTypes;
import io.attain.targets.attainment.ActualSource;
import io.attain.targets.attainment.ActualsQuery;
import io.attain.targets.attainment.DealFilter;
import io.attain.targets.attainment.OwnerScope;
import io.attain.testing.EventProbe;
import jakarta.inject.Inject;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.attain.targets.DealEvents.Deal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Deal events on the real broker move actuals; attainment, pace, milestones and leaderboards read them
 * with the caller's scope. Every test builds its own org (company → department → two teams) so tests do
 * not see each other's deals.
 */
@QuarkusTest
class AttainmentResourceTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String PROBLEM = "application/problem+json";
    private static final String Q1_START = "2026-01-01";
    private static final String Q1_END = "2026-03-31";
    private static final String END_OF_Q1 = "?asOf=" + Q1_END;
    /** Noon in Shanghai, so the business day is unambiguous. */
    private static final Instant JAN_10 = Instant.parse("2026-01-10T04:00:00Z");
    private static final Instant FEB_10 = Instant.parse("2026-02-10T04:00:00Z");
    private static final Instant MAR_10 = Instant.parse("2026-03-10T04:00:00Z");

    /** Department (manager {@code director}) with team A (reps 1 and 2, manager {@code lead}) and team B (rep 3). */
    record Org(String department, String teamA, String teamB, String director, String lead, String rep1, String rep2,
               String rep3) {
    }

    static RequestSpecification admin() {
        return TestTokens.as("admin-1", "admin");
    }

    static Org org() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String company = unit("{\"name\":\"Co-" + s + "\",\"kind\":\"COMPANY\"}");
        String department = unit("{\"name\":\"大客户部\",\"kind\":\"DEPARTMENT\",\"parentId\":\"" + company
                + "\",\"managerId\":\"director-" + s + "\"}");
        String teamA = unit("{\"name\":\"华东一组\",\"kind\":\"TEAM\",\"parentId\":\"" + department
                + "\",\"managerId\":\"lead-" + s + "\"}");
        String teamB = unit("{\"name\":\"华南一组\",\"kind\":\"TEAM\",\"parentId\":\"" + department + "\"}");
        Org org = new Org(department, teamA, teamB, "director-" + s, "lead-" + s, "rep1-" + s, "rep2-" + s, "rep3-" + s);
        member(org.rep1, "王芳", teamA);
        member(org.rep2, "李雷", teamA);
        member(org.rep3, "张伟", teamB);
        return org;
    }

    static String unit(String body) {
        return admin().contentType(ContentType.JSON).body(body).when().post("/api/targets/org-units")
                .then().statusCode(201).extract().path("id");
    }

    static void member(String id, String name, String unit) {
        admin().contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + id + "\",\"displayName\":\"" + name + "\",\"orgUnitId\":\"" + unit
                        + "\",\"role\":\"REP\",\"effectiveFrom\":\"2025-01-01\"}")
                .when().post("/api/targets/members").then().statusCode(201);
    }

    /** A published Q1 target; {@code member} may be null for the unit's own target. */
    static String target(String metric, String unit, String member, String valueOrQuantity) {
        String value = metric.equals("REVENUE") || metric.equals("COLLECTIONS") || metric.equals("GROSS_PROFIT")
                ? "\"value\":{\"amount\":\"" + valueOrQuantity + "\",\"currency\":\"CNY\"}"
                : "\"quantity\":" + valueOrQuantity;
        String id = admin().contentType(ContentType.JSON)
                .body("{\"metric\":\"" + metric + "\",\"periodStart\":\"" + Q1_START + "\",\"periodEnd\":\"" + Q1_END
                        + "\",\"orgUnitId\":\"" + unit + "\"" + (member == null ? "" : ",\"memberId\":\"" + member + "\"")
                        + "," + value + "}")
                .when().post("/api/targets/targets").then().statusCode(201).extract().path("id");
        admin().when().post("/api/targets/targets/" + id + "/publish").then().statusCode(200);
        return id;
    }

    static ValidatableResponse attainment(RequestSpecification who, String targetId, String query) {
        return who.when().get("/api/targets/targets/" + targetId + "/attainment" + query).then();
    }

    static void awaitActual(String targetId, String actual) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                attainment(admin(), targetId, END_OF_Q1).statusCode(200).body("actual", equalTo(actual)));
    }

    @Test
    void shouldMoveTheRepsAndTheTeamsAttainmentWhenADealIsWon() {
        Org org = org();
        String repTarget = target("REVENUE", org.teamA, org.rep1, "3000000.00");
        String teamTarget = target("REVENUE", org.teamA, null, "10000000.00");
        String departmentTarget = target("REVENUE", org.department, null, "20000000.00");
        String otherTeamTarget = target("REVENUE", org.teamB, null, "5000000.00");

        Deal lead = Deal.lead(org.rep1, "1200000.00", JAN_10);
        DealEvents.publish(lead);
        Deal won = lead.to("WON", FEB_10);
        DealEvents.publish(won);

        awaitActual(repTarget, "1200000.00");
        attainment(admin(), repTarget, END_OF_Q1).body("percent", equalTo("40.00")).body("gap", equalTo("1800000.00"))
                .body("currency", equalTo("CNY")).body("expectedToDate", equalTo("3000000.00"))
                .body("pace", equalTo("AT_RISK")).body("seasonality", equalTo("LINEAR"))
                .body("milestones[0].percent", equalTo(50)).body("milestones[0].reachedOn", nullValue());
        attainment(admin(), teamTarget, END_OF_Q1).body("actual", equalTo("1200000.00")).body("percent", equalTo("12.00"));
        attainment(admin(), departmentTarget, END_OF_Q1).body("actual", equalTo("1200000.00"));
        attainment(admin(), otherTeamTarget, END_OF_Q1).body("actual", equalTo("0.00"));
        // as of a day before the win nothing counts yet; in mid-February the pace compares with 41/90 of the year
        attainment(admin(), repTarget, "?asOf=2026-02-09").body("actual", equalTo("0.00"));
        attainment(admin(), repTarget, "?asOf=2026-02-10").body("actual", equalTo("1200000.00"))
                .body("expectedToDate", equalTo("1366666.67")).body("pace", equalTo("BEHIND"));
    }

    @Test
    void shouldIgnoreDuplicateAndStaleEvents() {
        Org org = org();
        String repTarget = target("REVENUE", org.teamA, org.rep1, "1000000.00");
        Deal lead = Deal.lead(org.rep1, "500000.00", JAN_10);
        DealEvents.publish(lead);
        Deal won = lead.to("WON", FEB_10);
        String wonEvent = DealEvents.publish(won);
        awaitActual(repTarget, "500000.00");

        // the same event again, and the older LEAD version under a new id: neither may undo or repeat the win
        DealEvents.publish(wonEvent, won, EventTypes.DEAL_STAGE_CHANGED, null);
        DealEvents.publish(lead);
        // a later update on the same key proves both were consumed before it
        Deal bigger = won.amount("600000.00");
        DealEvents.publishUpdate(bigger);
        awaitActual(repTarget, "600000.00");
        attainment(admin(), repTarget, END_OF_Q1).body("percent", equalTo("60.00"))
                .body("milestones[0].reachedOn", equalTo("2026-02-10"));

        // payments: a duplicate delivery counts once, a reversal subtracts
        String collectionsTarget = target("COLLECTIONS", org.teamA, org.rep1, "600000.00");
        UUID payment = UUID.randomUUID();
        Deal paid = bigger.next();
        String paymentEvent = DealEvents.publishPayment(paid, payment, "400000.00", LocalDate.of(2026, 3, 1), null);
        awaitActual(collectionsTarget, "400000.00");
        DealEvents.publish(paymentEvent, paid, EventTypes.DEAL_PAYMENT_RECORDED,
                new io.attain.events.PaymentChange(payment, io.attain.events.Money.of("400000.00", "CNY"),
                        LocalDate.of(2026, 3, 1), false, null));
        Deal refunded = paid.next();
        DealEvents.publishPayment(refunded, UUID.randomUUID(), "100000.00", LocalDate.of(2026, 3, 5), payment);
        awaitActual(collectionsTarget, "300000.00");
        attainment(admin(), collectionsTarget, END_OF_Q1).body("percent", equalTo("50.00"))
                .body("milestones[0].reachedOn", equalTo("2026-03-01"));
    }

    @Test
    void shouldFollowAWonDealThatIsReopenedLostOrHandedOver() {
        Org org = org();
        String rep1Target = target("REVENUE", org.teamA, org.rep1, "1000000.00");
        String rep2Target = target("REVENUE", org.teamA, org.rep2, "1000000.00");
        String teamTarget = target("REVENUE", org.teamA, null, "2000000.00");
        String dealCount = target("DEAL_COUNT", org.teamA, org.rep1, "4");
        Deal won = Deal.lead(org.rep1, "800000.00", JAN_10).to("WON", FEB_10);
        DealEvents.publish(won);
        awaitActual(rep1Target, "800000.00");
        awaitActual(dealCount, "1.00");

        Deal reopened = won.to("NEGOTIATION", MAR_10);
        DealEvents.publish(reopened);
        awaitActual(rep1Target, "0.00");
        awaitActual(teamTarget, "0.00");
        awaitActual(dealCount, "0.00");

        Deal wonAgain = reopened.to("WON", MAR_10);
        DealEvents.publish(wonAgain);
        awaitActual(rep1Target, "800000.00");

        Deal handedOver = wonAgain.owner(org.rep2);
        DealEvents.publishUpdate(handedOver);
        awaitActual(rep2Target, "800000.00");
        awaitActual(rep1Target, "0.00");
        attainment(admin(), teamTarget, END_OF_Q1).body("actual", equalTo("800000.00"));

        Deal lost = handedOver.to("LOST", MAR_10);
        DealEvents.publish(lost);
        awaitActual(rep2Target, "0.00");
        awaitActual(teamTarget, "0.00");
    }

    @Test
    void shouldCountNewCustomersAndStageEntriesAsActivityProxies() {
        Org org = org();
        String proposals = target("PROPOSALS", org.teamA, org.rep1, "4");
        String leads = target("LEADS", org.teamA, org.rep1, "10");
        String newCustomers = target("NEW_CUSTOMERS", org.teamA, org.rep1, "2");
        Deal first = Deal.lead(org.rep1, "100000.00", JAN_10).asNewCustomer();
        DealEvents.publish(first);
        // straight from LEAD to WON passes PROPOSAL as well
        DealEvents.publish(first.to("WON", FEB_10));
        Deal second = Deal.lead(org.rep1, "100000.00", JAN_10);
        DealEvents.publish(second);
        Deal proposal = second.to("PROPOSAL", FEB_10);
        DealEvents.publish(proposal);
        DealEvents.publish(proposal.to("LOST", MAR_10));
        awaitActual(leads, "2.00");
        awaitActual(proposals, "2.00");
        awaitActual(newCustomers, "1.00");
        attainment(admin(), proposals, END_OF_Q1).body("percent", equalTo("50.00"));
    }

    @Test
    void shouldFilterByDealDimensions() throws Exception {
        Org org = org();
        String repTarget = target("REVENUE", org.teamA, org.rep1, "1000000.00");
        DealEvents.publish(Deal.lead(org.rep1, "100000.00", JAN_10).to("WON", FEB_10));
        DealEvents.publish(Deal.lead(org.rep1, "250000.00", JAN_10).productLine("B").to("WON", FEB_10));
        DealEvents.publish(Deal.lead(org.rep1, "50000.00", JAN_10).productLine("B").asNewCustomer().to("WON", MAR_10));
        awaitActual(repTarget, "400000.00");

        try (Connection connection = dataSource.getConnection()) {
            var lineB = ActualsQuery.daily(connection, new ActualsQuery.Criteria(ActualSource.WON_REVENUE,
                    OwnerScope.member(org.rep1), DealFilter.of(Map.of("productLine", "B")), "CNY",
                    LocalDate.parse(Q1_START), LocalDate.parse(Q1_END)));
            assertThat(lineB).containsOnlyKeys(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 3, 10));
            assertThat(lineB.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("300000");
            var newInB = ActualsQuery.perMember(connection, new ActualsQuery.Criteria(ActualSource.WON_REVENUE,
                    OwnerScope.subtree(pathOf(org.department)), DealFilter.of(Map.of("PRODUCT_LINE", "B",
                    "newVsExisting", "NEW")), "CNY", LocalDate.parse(Q1_START), LocalDate.parse(Q1_END)));
            assertThat(newInB).containsOnlyKeys(org.rep1);
            assertThat(newInB.get(org.rep1)).isEqualByComparingTo("50000");
            var usd = ActualsQuery.daily(connection, new ActualsQuery.Criteria(ActualSource.WON_REVENUE,
                    OwnerScope.member(org.rep1), DealFilter.ANY, "USD", LocalDate.parse(Q1_START), LocalDate.parse(Q1_END)));
            assertThat(usd).isEmpty();
        }
    }

    @Test
    void shouldSendAMalformedDealEventToTheDeadLetterTopicAndGoOn() {
        Org org = org();
        String repTarget = target("REVENUE", org.teamA, org.rep1, "1000000.00");
        Deal ownerless = Deal.lead(" ", "100000.00", JAN_10).to("WON", FEB_10);
        DealEvents.publish(ownerless);
        assertThat(EventProbe.read("targets.deal-events.dlq", r -> ownerless.id().toString().equals(r.key()), 1,
                Duration.ofSeconds(30))).hasSize(1);
        DealEvents.publish(Deal.lead(org.rep1, "200000.00", JAN_10).to("WON", FEB_10));
        awaitActual(repTarget, "200000.00");
    }

    @Test
    void shouldRefuseUnmeasurableMetricsAndUnknownTargets() {
        Org org = org();
        String grossProfit = target("GROSS_PROFIT", org.teamA, org.rep1, "1000.00");
        attainment(admin(), grossProfit, END_OF_Q1).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/metric-not-measured"));
        attainment(admin(), UUID.randomUUID().toString(), END_OF_Q1).statusCode(404).contentType(PROBLEM);
    }

    static String pathOf(String unitId) {
        java.util.List<String> path = admin().when().get("/api/targets/org-units/" + unitId).then().statusCode(200)
                .extract().path("path");
        return String.join("/", path);
    }

    @Test
    void shouldScopeAttainmentAndLeaderboards() {
        Org org = org();
        String rep1Target = target("REVENUE", org.teamA, org.rep1, "1000000.00");
        target("REVENUE", org.teamA, org.rep2, "2000000.00");
        String rep3Target = target("REVENUE", org.teamB, org.rep3, "1000000.00");
        String teamTarget = target("REVENUE", org.teamA, null, "3000000.00");
        DealEvents.publish(Deal.lead(org.rep1, "500000.00", JAN_10).to("WON", FEB_10));
        DealEvents.publish(Deal.lead(org.rep2, "1500000.00", JAN_10).to("WON", FEB_10));
        DealEvents.publish(Deal.lead(org.rep3, "2000000.00", JAN_10).to("WON", FEB_10));
        awaitActual(teamTarget, "2000000.00");
        awaitActual(rep3Target, "2000000.00");

        attainment(TestTokens.as(org.rep1, "rep"), rep1Target, END_OF_Q1).statusCode(200).body("percent", equalTo("50.00"));
        attainment(TestTokens.as(org.rep2, "rep"), rep1Target, END_OF_Q1).statusCode(404).contentType(PROBLEM);
        attainment(TestTokens.as(org.rep1, "rep"), teamTarget, END_OF_Q1).statusCode(404);
        attainment(TestTokens.as(org.lead, "manager"), teamTarget, END_OF_Q1).statusCode(200);
        attainment(TestTokens.as(org.director, "manager"), rep1Target, END_OF_Q1).statusCode(200);
        attainment(TestTokens.as("stranger", "manager"), rep1Target, END_OF_Q1).statusCode(404);
        attainment(TestTokens.as("auditor", "finance"), rep1Target, END_OF_Q1).statusCode(200);
        given().when().get("/api/targets/targets/" + rep1Target + "/attainment").then().statusCode(401);

        String board = "/api/targets/leaderboards?metric=REVENUE&periodStart=" + Q1_START + "&periodEnd=" + Q1_END
                + "&asOf=" + Q1_END + "&orgUnitId=";
        // the department: rep3 200%, rep2 75%, rep1 50%
        TestTokens.as(org.director, "manager").when().get(board + org.department).then().statusCode(200)
                .body("total", equalTo(3)).body("currency", equalTo("CNY"))
                .body("items.memberId", contains(org.rep3, org.rep2, org.rep1))
                .body("items.rank", contains(1, 2, 3))
                .body("items[0].percent", equalTo("200.00")).body("items[0].actual", equalTo("2000000.00"));
        TestTokens.as(org.director, "manager").when().get(board + org.department + "&page=1&size=2").then()
                .statusCode(200).body("total", equalTo(3)).body("items.memberId", contains(org.rep1))
                .body("items[0].rank", equalTo(3));
        // the team lead sees team A only
        TestTokens.as(org.lead, "manager").when().get(board + org.teamA).then().statusCode(200)
                .body("items.memberId", contains(org.rep2, org.rep1));
        TestTokens.as(org.lead, "manager").when().get(board + org.department).then().statusCode(404);
        // a rep sees their own team's names and percentages, their own figures, nobody else's
        TestTokens.as(org.rep1, "rep").when().get(board + org.teamA).then().statusCode(200)
                .body("items[0].memberId", equalTo(org.rep2)).body("items[0].displayName", equalTo("李雷"))
                .body("items[0].percent", equalTo("75.00")).body("items[0].actual", nullValue())
                .body("items[1].actual", equalTo("500000.00")).body("items[1].target", notNullValue());
        TestTokens.as(org.rep1, "rep").when().get(board + org.teamB).then().statusCode(404).contentType(PROBLEM);
        TestTokens.as(org.rep1, "rep").when().get(board + org.department).then().statusCode(404);
        admin().when().get(board + org.teamB).then().statusCode(200).body("items[0].percent", equalTo("200.00"));
        // bad input
        admin().when().get("/api/targets/leaderboards?metric=REVENUE&periodStart=" + Q1_END + "&periodEnd=" + Q1_START
                + "&orgUnitId=" + org.teamA).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("periodEnd"));
        admin().when().get("/api/targets/leaderboards?metric=REVENUE&periodStart=" + Q1_START + "&periodEnd=" + Q1_END)
                .then().statusCode(400).contentType(PROBLEM);
        admin().when().get(board + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldLearnTheReverseFunnelFromDealHistory() {
        Org org = org();
        // four closed deals of rep1: two won (one jumped straight from LEAD), one lost at PROPOSAL, one at LEAD
        Deal a = Deal.lead(org.rep1, "300000.00", JAN_10);
        DealEvents.publish(a);
        DealEvents.publish(a.to("WON", FEB_10));
        Deal b = Deal.lead(org.rep1, "500000.00", JAN_10);
        DealEvents.publish(b);
        Deal bNegotiation = b.to("NEGOTIATION", FEB_10);
        DealEvents.publish(bNegotiation);
        DealEvents.publish(bNegotiation.to("WON", MAR_10));
        Deal c = Deal.lead(org.rep1, "900000.00", JAN_10);
        DealEvents.publish(c);
        Deal cProposal = c.to("PROPOSAL", FEB_10);
        DealEvents.publish(cProposal);
        DealEvents.publish(cProposal.to("LOST", MAR_10));
        Deal d = Deal.lead(org.rep1, "100000.00", JAN_10);
        DealEvents.publish(d);
        DealEvents.publish(d.to("LOST", FEB_10));

        String body = "{\"target\":{\"amount\":\"4000000.00\",\"currency\":\"CNY\"},\"memberId\":\"" + org.rep1
                + "\",\"historyFrom\":\"2026-01-01\",\"historyTo\":\"2026-12-31\"}";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                TestTokens.as(org.rep1, "rep").contentType(ContentType.JSON).body(body)
                        .when().post("/api/targets/reverse-funnel/learned").then().statusCode(200)
                        .body("reached.LEAD", equalTo(4)).body("reached.WON", equalTo(2)));
        // LEAD 4 → CONTACTED 3 (0.75), 3 → 3 → 3 (1, 1), PROPOSAL 3 → NEGOTIATION 2 (0.6667), 2 → WON 2 (1);
        // average won deal 400,000: 10 wins, 10 negotiations, 15 proposals, 15, 15, 20 leads
        TestTokens.as(org.rep1, "rep").contentType(ContentType.JSON).body(body)
                .when().post("/api/targets/reverse-funnel/learned").then().statusCode(200)
                .body("averageDealSize.amount", equalTo("400000.00")).body("wonDeals", equalTo(2))
                .body("stages.stage", contains("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL",
                        "NEGOTIATION", "WON"))
                .body("stages.required", contains(20, 15, 15, 15, 10, 10))
                .body("stages[0].conversionToNext", equalTo(0.75f));

        TestTokens.as(org.rep2, "rep").contentType(ContentType.JSON).body(body)
                .when().post("/api/targets/reverse-funnel/learned").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("memberId"));
        String empty = "{\"target\":{\"amount\":\"4000000.00\",\"currency\":\"CNY\"},\"orgUnitId\":\"" + org.teamB
                + "\",\"historyFrom\":\"2026-01-01\",\"historyTo\":\"2026-12-31\"}";
        TestTokens.as(org.director, "manager").contentType(ContentType.JSON).body(empty)
                .when().post("/api/targets/reverse-funnel/learned").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/insufficient-history"));
    }
}
