package io.attain.incentive;

import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.commission.RateMode;
import io.attain.incentive.service.PlanService;
import io.attain.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.attain.incentive.Commissions.admin;
import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitCredits;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.calculate;
import static io.attain.incentive.Commissions.finance;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Commissions.period;
import static io.attain.incentive.Commissions.plan;
import static io.attain.incentive.Commissions.quarterEnd;
import static io.attain.incentive.Commissions.quarterStart;
import static io.attain.incentive.Commissions.quota;
import static io.attain.incentive.Commissions.seedTerms;
import static io.attain.incentive.Commissions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/** Plans, versions, assignments and exchange rates through the REST API, and the bad input they refuse. */
@QuarkusTest
class PlanApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    PlanService plans;

    @Test
    void shouldCreateAPlanWithEveryComponentAndReadItBack() {
        String body = """
                {"name": "华东销售 2025", "currency": "CNY", "effectiveFrom": "2025-01-01", "terms": {
                  "rounding": "HALF_UP", "basis": "BOOKED",
                  "rateTable": {"mode": "RETROACTIVE", "tiers": %s},
                  "gatePercent": "80",
                  "cap": {"kind": "PAYOUT", "maximum": {"amount": "100000.00", "currency": "CNY"}},
                  "multipliers": [{"kind": "PRODUCT_LINE", "value": "B", "factor": "1.5"}, {"kind": "NEW_CUSTOMER", "factor": "1.2"}],
                  "spiffs": [{"id": "q3-push", "name": "Q3 product B push", "from": "2025-07-01", "to": "2025-09-30",
                              "criteria": {"productLine": "B"}, "fixedPerDeal": {"amount": "2000.00", "currency": "CNY"}}],
                  "teamBonus": {"fixedPerMember": {"amount": "12000.00", "currency": "CNY"}, "excessPoolPercent": "10"},
                  "managerOverride": {"percent": "5"}}}""".formatted(Commissions.SEED_TIERS);

        JsonPath created = admin().body(body).when().post("/api/incentives/plans")
                .then().statusCode(201).header("Location", startsWith("http")).extract().jsonPath();

        String id = created.getString("id");
        assertThat(created.getString("currency")).isEqualTo("CNY");
        assertThat(created.getList("versions.number")).containsExactly(1);
        assertThat(created.getString("versions[0].effectiveFrom")).isEqualTo("2025-01-01");
        assertThat(created.getBoolean("versions[0].used")).isFalse();
        assertThat(created.getString("versions[0].terms.rateTable.tiers[1].ratePercent")).isEqualTo("1.5");
        assertThat(created.getString("versions[0].terms.multipliers[0].factor")).isEqualTo("1.5");
        assertThat(created.getString("versions[0].terms.spiffs[0].fixedPerDeal.amount")).isEqualTo("2000.00");
        finance().when().get("/api/incentives/plans/" + id).then().statusCode(200)
                .body("name", equalTo("华东销售 2025")).body("versions[0].terms.teamBonus.excessPoolPercent", equalTo("10"));
        finance().queryParam("size", 200).when().get("/api/incentives/plans").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void shouldRefuseTiersThatOverlapOrGoBackwardsWithTheFieldAt422() {
        String overlapping = """
                {"name": "bad", "currency": "CNY", "effectiveFrom": "2025-01-01", "terms": {"rateTable": {"mode": "RETROACTIVE",
                 "tiers": [{"thresholdPercent": "80", "ratePercent": "1"}, {"thresholdPercent": "80", "ratePercent": "1.5"}]}}}""";
        admin().body(overlapping).when().post("/api/incentives/plans").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/invalid-plan"))
                .body("errors.field", hasItem("terms.rateTable.tiers"))
                .body("errors[0].message", startsWith("tiers 1 and 2 overlap"));

        String backwards = """
                {"name": "bad", "currency": "CNY", "effectiveFrom": "2025-01-01", "terms": {"rateTable": {"mode": "MARGINAL",
                 "tiers": [{"thresholdPercent": "100", "ratePercent": "1.5"}, {"thresholdPercent": "80", "ratePercent": "1"}]},
                 "multipliers": [{"kind": "CHANNEL", "factor": "1.2"}], "teamBonus": {"fixedPerMember": {"amount": "1.00", "currency": "USD"},
                 "excessPoolPercent": "10"}}}""";
        admin().body(backwards).when().post("/api/incentives/plans").then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItems("terms.rateTable.tiers", "terms.multipliers[0]"));

        String wrongCurrency = """
                {"name": "bad", "currency": "CNY", "effectiveFrom": "2025-01-01", "terms": {"rateTable": {"mode": "RETROACTIVE",
                 "tiers": [{"thresholdPercent": "80", "ratePercent": "1"}]},
                 "teamBonus": {"fixedPerMember": {"amount": "1.00", "currency": "USD"}, "excessPoolPercent": "10"}}}""";
        admin().body(wrongCurrency).when().post("/api/incentives/plans").then().statusCode(422)
                .body("errors.field", hasItem("terms.teamBonus"));

        admin().body("""
                        {"name": "bad", "currency": "XYZ", "effectiveFrom": "2025-01-01", "terms": %s}"""
                        .formatted(seedTerms("RETROACTIVE", "BOOKED")))
                .when().post("/api/incentives/plans").then().statusCode(422).body("errors.field", hasItem("currency"));
        admin().body("""
                        {"name": "bad", "currency": "CNY", "terms": %s}""".formatted(seedTerms("RETROACTIVE", "BOOKED")))
                .when().post("/api/incentives/plans").then().statusCode(400).contentType(PROBLEM);
        admin().body("""
                        {"name": "bad", "currency": "CNY", "effectiveFrom": "2025-01-01", "terms": {"rateTable": {"mode": "STEPPED",
                         "tiers": []}}}""").when().post("/api/incentives/plans").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void theTermsACalculationAppliesFollowAnEditOfAVersionNotUsedYet() {
        int year = year();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        PlanAssignment assignment = new PlanAssignment();
        assignment.planId = UUID.fromString(planId);
        assignment.memberId = member();
        assignment.periodStart = quarterStart(year, 1);
        assignment.periodEnd = quarterEnd(year, 4);
        LocalDate day = quarterEnd(year, 1);
        // Read once, so the engine's version of the terms is remembered...
        assertThat(appliedMode(assignment, day)).isEqualTo(RateMode.RETROACTIVE);

        admin().body("""
                        {"effectiveFrom": "%s", "terms": %s}""".formatted(quarterStart(year, 1), seedTerms("MARGINAL", "BOOKED")))
                .when().put("/api/incentives/plans/" + planId + "/versions/1").then().statusCode(200);

        // ...and not applied after the version was corrected.
        assertThat(appliedMode(assignment, day)).isEqualTo(RateMode.MARGINAL);
    }

    private RateMode appliedMode(PlanAssignment assignment, LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> plans.choice(assignment, day).orElseThrow().terms().rateTable().mode());
    }

    @Test
    void onlyAdminsWritePlans() {
        String body = """
                {"name": "mine", "currency": "CNY", "effectiveFrom": "2025-01-01", "terms": %s}"""
                .formatted(seedTerms("RETROACTIVE", "BOOKED"));
        finance().body(body).when().post("/api/incentives/plans").then().statusCode(403).contentType(PROBLEM);
        TestTokens.as(member(), "rep").contentType("application/json").body(body).when().post("/api/incentives/plans")
                .then().statusCode(403);
        TestTokens.as(member(), "rep").when().get("/api/incentives/plans").then().statusCode(403);
    }

    @Test
    void aMemberHasOnePlanOnAnyDay() {
        int year = year();
        String rep = member();
        String first = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        String second = plan(seedTerms("MARGINAL", "BOOKED"), quarterStart(year, 1));
        assign(first, rep, quarterStart(year, 1), quarterEnd(year, 2));

        admin().body("""
                        {"memberId": "%s", "periodStart": "%s", "periodEnd": "%s"}""".formatted(rep, quarterEnd(year, 2), quarterEnd(year, 4)))
                .when().post("/api/incentives/plans/" + second + "/assignments")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/assignment-overlaps"));
        assign(second, rep, quarterStart(year, 3), quarterEnd(year, 4));
        admin().body("""
                        {"memberId": "%s", "periodStart": "%s", "periodEnd": "%s"}""".formatted(rep, quarterEnd(year, 4), quarterStart(year, 4)))
                .when().post("/api/incentives/plans/" + second + "/assignments").then().statusCode(422);
        admin().body("""
                        {"memberId": "%s", "periodStart": "%s", "periodEnd": "%s"}""".formatted(rep, quarterStart(year, 1), quarterEnd(year, 1)))
                .when().post("/api/incentives/plans/" + UUID.randomUUID() + "/assignments").then().statusCode(404);

        finance().when().get("/api/incentives/plans/" + second + "/assignments").then().statusCode(200)
                .body("items.memberId", equalTo(List.of(rep))).body("items[0].periodStart", equalTo(quarterStart(year, 3).toString()));
    }

    @Test
    void dealsInAnotherCurrencyAreConvertedAtTheRateInEffect() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        Commissions.Deal usd = new Commissions.Deal(rep, "100000.00");
        usd.amount = io.attain.events.Money.of("150000.00", "USD");
        usd.collected = io.attain.events.Money.zero("USD");
        usd.won(java.time.LocalDate.of(year, 2, 10));
        awaitCredits(rep, 1);

        finance().when().post("/api/incentives/periods/" + q1 + "/calculate").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/calculation-failed"))
                .body("detail", org.hamcrest.Matchers.containsString("USD→CNY"));

        finance().body("""
                        {"from": "USD", "to": "CNY", "effectiveFrom": "%d-01-01", "rate": "7.2"}""".formatted(year))
                .when().post("/api/incentives/exchange-rates").then().statusCode(201).body("rate", equalTo("7.2"));
        finance().body("""
                        {"from": "USD", "to": "CNY", "effectiveFrom": "%d-01-01", "rate": "7.3"}""".formatted(year))
                .when().post("/api/incentives/exchange-rates").then().statusCode(409).contentType(PROBLEM);
        finance().body("""
                        {"from": "USD", "to": "ABC", "effectiveFrom": "%d-01-01", "rate": "7.3"}""".formatted(year))
                .when().post("/api/incentives/exchange-rates").then().statusCode(422).body("errors.field", hasItem("to"));
        finance().body("""
                        {"from": "USD", "to": "CNY", "effectiveFrom": "%d-02-01", "rate": "0"}""".formatted(year))
                .when().post("/api/incentives/exchange-rates").then().statusCode(422).body("errors.field", hasItem("rate"));
        TestTokens.as(member(), "rep").contentType("application/json").body("""
                        {"from": "USD", "to": "CNY", "effectiveFrom": "%d-03-01", "rate": "7.1"}""".formatted(year))
                .when().post("/api/incentives/exchange-rates").then().statusCode(403);

        calculate(q1);
        // 150,000 USD × 7.2 = 1,080,000.00 CNY → 108% → 1.5% = 16,200.00
        JsonPath statement = Commissions.statement(rep, q1);
        assertThat(statement.getString("attainmentPercent")).isEqualTo("108.00");
        assertThat(statement.getString("total.amount")).isEqualTo("16200.00");
        finance().queryParam("size", 200).when().get("/api/incentives/exchange-rates").then().statusCode(200)
                .body("items.effectiveFrom", hasItem(year + "-01-01"));
    }
}
