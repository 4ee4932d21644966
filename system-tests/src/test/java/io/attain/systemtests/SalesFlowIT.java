package io.attain.systemtests;

import io.attain.local.DemoUsers;
import io.attain.local.Suite;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * The product's main flow across all three services, from outside through the gateway: an admin sets up a
 * team with a rep, their quarterly quota (1,000,000 CNY) and the seed commission plan (80% → 1%, 100% → 1.5%,
 * 120% → 2%, retroactive, gate 80%); the CRM posts the rep's deal, out of order and twice, until it is WON at
 * 1,100,000; then the rep's and the team's attainment move, the credit is recorded once, the statement pays
 * 16,500.00 and finance's report of the period shows it.
 */
@ExtendWith(AttainSuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesFlowIT {
    private static final String CURRENCY = "CNY";
    private static final String CRM_SYSTEM = "demo-crm";
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private final Api api;
    private final Tokens tokens;
    private final Crm crm;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String rep = "sys-rep-" + suffix;
    private final String crmUser = "crm-user-" + suffix;
    private final String crmDealId = "opp-" + suffix;
    private final LocalDate quarterStart = quarterStart(LocalDate.now());
    private final LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);

    private String admin;
    private String finance;
    private String teamId;
    private String repTargetId;
    private String teamTargetId;
    private String periodId;
    private String dealId;

    SalesFlowIT(Suite suite) {
        this.api = new Api(suite);
        this.tokens = new Tokens(suite);
        this.crm = new Crm(api, tokens);
    }

    @BeforeAll
    void logIn() {
        admin = tokens.of(DemoUsers.ADMIN);
        finance = tokens.of(DemoUsers.FINANCE);
    }

    @Test
    @Order(1)
    void adminSetsUpTeamRepQuotaAndPlan() {
        String companyId = api.as(admin)
                .body(Map.of("name", "Sales flow company " + suffix, "kind", "COMPANY"))
                .when().post("/api/targets/org-units")
                .then().statusCode(201).extract().path("id");
        teamId = api.as(admin)
                .body(Map.of("name", "Sales flow team " + suffix, "kind", "TEAM", "parentId", companyId))
                .when().post("/api/targets/org-units")
                .then().statusCode(201).extract().path("id");
        api.as(admin)
                .body(Map.of("memberId", rep, "displayName", "系统测试 " + suffix, "orgUnitId", teamId, "role", "REP",
                        "effectiveFrom", quarterStart.toString()))
                .when().post("/api/targets/members")
                .then().statusCode(201);

        repTargetId = publishedTarget(rep, "1000000.00");
        teamTargetId = publishedTarget(null, "3000000.00");

        api.as(admin)
                .body(Map.of("userId", rep))
                .when().put("/api/pipeline/crm/user-mappings/" + CRM_SYSTEM + "/" + crmUser)
                .then().statusCode(anyOf(is(200), is(201)));

        String planId = api.as(admin)
                .body(Map.of("name", "Seed plan " + suffix, "currency", CURRENCY,
                        "effectiveFrom", quarterStart.toString(), "terms", seedTerms()))
                .when().post("/api/incentives/plans")
                .then().statusCode(201).extract().path("id");
        api.as(admin)
                .body(Map.of("memberId", rep, "periodStart", quarterStart.toString(), "periodEnd", quarterEnd.toString()))
                .when().post("/api/incentives/plans/" + planId + "/assignments")
                .then().statusCode(201);

        periodId = currentPeriod();
    }

    @Test
    @Order(2)
    void theCrmPostsTheDealOutOfOrderAndTwiceAndItEndsWon() {
        Map<String, Object> won = crmEvent("evt-2-" + suffix, 2, "WON", "1100000.00");
        Map<String, Object> proposal = crmEvent("evt-1-" + suffix, 1, "PROPOSAL", "900000.00");

        JsonPath applied = crm.post(Crm.EVENTS, won).statusCode(200).extract().jsonPath();
        assertThat(applied.getString("result")).isEqualTo("APPLIED");
        dealId = applied.getString("dealId");

        assertThat(crm.post(Crm.EVENTS, proposal).statusCode(200).extract().<String>path("result"))
                .isEqualTo("IGNORED_STALE");
        JsonPath repeated = crm.post(Crm.EVENTS, won).statusCode(200).extract().jsonPath();
        assertThat(repeated.getString("result")).isEqualTo("DUPLICATE");
        assertThat(repeated.getString("originalResult")).isEqualTo("APPLIED");

        JsonPath deal = api.as(admin).when().get("/api/pipeline/deals/" + dealId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(deal.getString("stage")).isEqualTo("WON");
        assertThat(deal.getString("ownerId")).isEqualTo(rep);
        assertThat(new BigDecimal(deal.getString("amount.amount"))).isEqualByComparingTo("1100000");
    }

    @Test
    @Order(3)
    void theWonDealIsCreditedOnceAndMovesRepAndTeamAttainment() {
        requireDeal();
        await("credit of " + rep).atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(() -> credits().size() == 1);
        Map<String, Object> credit = credits().getFirst();
        assertThat(credit.get("kind")).isEqualTo("CREDIT");
        assertThat(new BigDecimal(((Map<?, ?>) credit.get("amount")).get("amount").toString()))
                .isEqualByComparingTo("1100000");

        await("attainment of " + rep).atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(() -> new BigDecimal(attainment(repTargetId).getString("actual")).compareTo(new BigDecimal("1100000")) == 0);
        JsonPath repAttainment = attainment(repTargetId);
        assertThat(new BigDecimal(repAttainment.getString("percent"))).isEqualByComparingTo("110");
        assertThat(new BigDecimal(repAttainment.getString("gap"))).isEqualByComparingTo("-100000");

        JsonPath teamAttainment = attainment(teamTargetId);
        assertThat(new BigDecimal(teamAttainment.getString("actual"))).isEqualByComparingTo("1100000");
        assertThat(new BigDecimal(teamAttainment.getString("gap"))).isEqualByComparingTo("1900000");
    }

    @Test
    @Order(4)
    void theStatementPaysTheRetroactiveTierAndFinanceReportsIt() {
        requireDeal();
        await("statement of " + rep + " paying 16,500.00").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    api.as(finance).when().post("/api/incentives/periods/" + periodId + "/calculate");
                    JsonPath statement = statement();
                    return statement != null && statement.getString("total.amount") != null
                            && new BigDecimal(statement.getString("total.amount")).compareTo(new BigDecimal("16500")) == 0;
                });
        JsonPath statement = statement();
        assertThat(new BigDecimal(statement.getString("quota.amount"))).isEqualByComparingTo("1000000");
        assertThat(new BigDecimal(statement.getString("attainmentPercent"))).isEqualByComparingTo("110");
        List<Map<String, Object>> lines = statement.getList("lines");
        BigDecimal sum = lines.stream()
                .map(line -> new BigDecimal(((Map<?, ?>) line.get("amount")).get("amount").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("16500.00");
        assertThat(statement.getList("lines.explanation", String.class)).anySatisfy(text -> assertThat(text).contains("1.5%"));

        String csv = api.as(finance).accept("text/csv")
                .when().get("/api/incentives/periods/" + periodId + "/report?format=csv")
                .then().statusCode(200).extract().asString();
        assertThat(csv.lines().filter(line -> line.contains(rep)).toList())
                .isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("16500.00"));

        byte[] xlsx = api.as(finance).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .when().get("/api/incentives/periods/" + periodId + "/report?format=xlsx")
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).as("an XLSX is a zip").isEqualTo("PK");
    }

    private String publishedTarget(String memberId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", "REVENUE");
        body.put("periodStart", quarterStart.toString());
        body.put("periodEnd", quarterEnd.toString());
        body.put("orgUnitId", teamId);
        if (memberId != null) {
            body.put("memberId", memberId);
        }
        body.put("value", Api.money(amount, CURRENCY));
        String id = api.as(admin).body(body).when().post("/api/targets/targets")
                .then().statusCode(201).extract().path("id");
        api.as(admin).when().post("/api/targets/targets/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** The open period of this quarter: the demo data's, or a new one when there is none. */
    private String currentPeriod() {
        JsonPath periods = api.as(finance).when().get("/api/incentives/periods?size=200")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = periods.getList("items");
        for (Map<String, Object> period : items) {
            LocalDate start = LocalDate.parse(period.get("start").toString());
            LocalDate end = LocalDate.parse(period.get("end").toString());
            if (!LocalDate.now().isBefore(start) && !LocalDate.now().isAfter(end)) {
                assertThat(period.get("status")).isNotEqualTo("CLOSED");
                return period.get("id").toString();
            }
        }
        return api.as(finance)
                .body(Map.of("name", "Q" + ((quarterStart.getMonthValue() - 1) / 3 + 1) + " " + quarterStart.getYear(),
                        "start", quarterStart.toString(), "end", quarterEnd.toString(), "currency", CURRENCY))
                .when().post("/api/incentives/periods")
                .then().statusCode(201).extract().path("id");
    }

    private Map<String, Object> crmEvent(String eventId, long version, String stage, String amount) {
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("name", "CRM deal " + suffix);
        deal.put("account", Map.of("externalId", "acct-" + suffix, "name", "华南零售集团 " + suffix));
        deal.put("owner", Map.of("externalId", crmUser));
        deal.put("amount", Api.money(amount, CURRENCY));
        deal.put("productLine", "A");
        deal.put("channel", "DIRECT");
        deal.put("region", "华南");
        deal.put("customerTier", "KA");
        deal.put("newCustomer", true);
        deal.put("expectedCloseDate", LocalDate.now().toString());
        deal.put("stage", stage);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("crmSystem", CRM_SYSTEM);
        event.put("crmDealId", crmDealId);
        event.put("crmVersion", version);
        event.put("deal", deal);
        return event;
    }

    private static Map<String, Object> seedTerms() {
        return Map.of(
                "rateTable", Map.of("mode", "RETROACTIVE", "tiers", List.of(
                        Map.of("thresholdPercent", "80", "ratePercent", "1"),
                        Map.of("thresholdPercent", "100", "ratePercent", "1.5"),
                        Map.of("thresholdPercent", "120", "ratePercent", "2"))),
                "gatePercent", "80");
    }

    private List<Map<String, Object>> credits() {
        return api.as(finance).when().get("/api/incentives/members/" + rep + "/credits")
                .then().statusCode(200).extract().jsonPath()
                .getList("credits.findAll { it.dealId == '" + dealId + "' }");
    }

    private JsonPath attainment(String targetId) {
        return api.as(admin).when().get("/api/targets/targets/" + targetId + "/attainment")
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath statement() {
        var response = api.as(finance).when().get("/api/incentives/members/" + rep + "/statements/" + periodId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    private void requireDeal() {
        assertThat(dealId).as("the deal of the earlier step").isNotNull();
    }

    static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }
}
