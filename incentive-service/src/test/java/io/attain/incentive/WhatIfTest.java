package io.attain.incentive;

import io.attain.testing.CloudEvents;
import io.attain.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.awaitTotal;
import static io.attain.incentive.Commissions.close;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Commissions.period;
import static io.attain.incentive.Commissions.plan;
import static io.attain.incentive.Commissions.quarterEnd;
import static io.attain.incentive.Commissions.quarterStart;
import static io.attain.incentive.Commissions.quota;
import static io.attain.incentive.Commissions.seedTerms;
import static io.attain.incentive.Commissions.year;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The what-if estimator against the real plan, quota and ledger: the seed plan (tiers 80% → 1%, 100% → 1.5%,
 * 120% → 2%, gate 80%) and a quarterly quota of 1,000,000 CNY.
 */
@QuarkusTest
class WhatIfTest {

    private static final String PATH = "/api/incentives/what-if";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager em;

    @Test
    void shouldEstimateTheCommissionWithAndWithoutTheDealAndMatchTheRealStatementOnceItIsWon() {
        Rep rep = new Rep();
        new Commissions.Deal(rep.id, "900000.00").won(rep.day(2, 10));
        awaitTotal(rep.id, rep.periodId, "9000.00");

        JsonPath estimate = as(rep.id, "rep").body(deal("200000.00", "CNY", rep.periodId, null))
                .when().post(PATH).then().statusCode(200).extract().jsonPath();

        assertThat(estimate.getString("memberId")).isEqualTo(rep.id);
        assertThat(estimate.getString("period.id")).isEqualTo(rep.periodId);
        assertThat(estimate.getString("period.status")).isIn("OPEN", "CALCULATED");
        assertThat(estimate.getString("plan.id")).isEqualTo(rep.planId);
        assertThat(estimate.getInt("plan.version")).isEqualTo(1);
        assertThat(estimate.getString("quota.amount")).isEqualTo("1000000.00");
        assertThat(estimate.getString("dealAmount.amount")).isEqualTo("200000.00");
        assertThat(estimate.getString("without.attainmentPercent")).isEqualTo("90.00");
        assertThat(estimate.getString("without.total.amount")).isEqualTo("9000.00");
        assertThat(estimate.getList("without.lines.rule")).containsExactly("tier:80");
        assertThat(estimate.getString("with.attainmentPercent")).isEqualTo("110.00");
        assertThat(estimate.getString("with.total.amount")).isEqualTo("16500.00");
        assertThat(estimate.getList("with.lines.rule")).containsExactly("tier:100");
        assertThat(estimate.getString("with.lines[0].ratePercent")).isEqualTo("1.5");
        assertThat(estimate.getString("with.lines[0].explanation"))
                .isEqualTo("1.5% on 1,100,000.00 CNY because attainment 110.00% reached the 100% tier");
        assertThat(estimate.getString("difference.amount")).isEqualTo("7500.00");
        assertThat(estimate.getString("difference.currency")).isEqualTo("CNY");
        assertThat(estimate.getString("note")).isNull();

        // The same deal, really won: the statement pays exactly what the estimate said.
        new Commissions.Deal(rep.id, "200000.00").won(rep.day(3, 1));
        awaitTotal(rep.id, rep.periodId, "16500.00");
    }

    @Test
    void shouldFindThePeriodByTheCloseDateAndApplyTheProductLineMultiplier() {
        Rep rep = new Rep(seedTerms("RETROACTIVE", "BOOKED").replaceFirst("}$",
                ", \"multipliers\": [{\"kind\": \"PRODUCT_LINE\", \"value\": \"B\", \"factor\": \"1.5\"}]}"));
        new Commissions.Deal(rep.id, "1000000.00").won(rep.day(1, 15));
        awaitTotal(rep.id, rep.periodId, "15000.00");

        JsonPath estimate = as(rep.id, "rep")
                .body("""
                        {"dealAmount": {"amount": "100000", "currency": "CNY"}, "closeDate": "%s", "productLine": "B"}"""
                        .formatted(rep.day(3, 31)))
                .when().post(PATH).then().statusCode(200).extract().jsonPath();

        assertThat(estimate.getString("period.id")).isEqualTo(rep.periodId);
        assertThat(estimate.getString("countsOn")).isEqualTo(rep.day(3, 31).toString());
        // 1,100,000 at 1.5% = 16,500, plus (1.5 − 1) × 100,000 × 1.5% = 750 for product line B
        assertThat(estimate.getList("with.lines.component")).containsExactly("TIER", "MULTIPLIER");
        assertThat(estimate.getString("with.total.amount")).isEqualTo("17250.00");
        assertThat(estimate.getString("difference.amount")).isEqualTo("2250.00");
    }

    @Test
    void shouldWriteNothing() {
        Rep rep = new Rep();
        new Commissions.Deal(rep.id, "500000.00").won(rep.day(2, 10));
        awaitTotal(rep.id, rep.periodId, "0.00");
        // No recalculation pending anywhere, so nothing but the estimates could write while they run.
        await().atMost(Commissions.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> count("select count(*) from statement_staleness where ?1 is not null", "any") == 0));
        Map<String, Long> before = footprint(rep);

        for (String amount : new String[]{"100000.00", "400000.00", "9000000.00"}) {
            as(rep.id, "rep").body(deal(amount, "CNY", rep.periodId, null)).when().post(PATH).then().statusCode(200);
        }
        as(rep.id, "rep").body(deal("1.00", "NOK", rep.periodId, null)).when().post(PATH).then().statusCode(422);

        assertThat(footprint(rep)).isEqualTo(before);
    }

    @Test
    void shouldLetAManagerEstimateForTheirSubtreeOnly() {
        Rep rep = new Rep();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID team = UUID.randomUUID();
        UUID otherTeam = UUID.randomUUID();
        String lead = "lead-" + suffix;
        String otherLead = "other-lead-" + suffix;
        CloudEvents.sendOrgUnit(team, 1, "华东组 " + suffix, null, lead);
        CloudEvents.sendOrgUnit(otherTeam, 1, "华西组 " + suffix, null, otherLead);
        CloudEvents.sendMembership(rep.id, 1, team, "REP");
        String body = deal("100000.00", "CNY", rep.periodId, null);
        await().atMost(Commissions.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                as(lead, "manager").queryParam("memberId", rep.id).body(body).when().post(PATH).statusCode() == 200);

        as(lead, "manager").queryParam("memberId", rep.id).body(body).when().post(PATH)
                .then().statusCode(200).body("memberId", equalTo(rep.id));
        as(otherLead, "manager").queryParam("memberId", rep.id).body(body).when().post(PATH)
                .then().statusCode(404).contentType(PROBLEM);
        as(member(), "rep").queryParam("memberId", rep.id).body(body).when().post(PATH)
                .then().statusCode(404).contentType(PROBLEM);
        as(rep.id, "rep").queryParam("memberId", rep.id).body(body).when().post(PATH).then().statusCode(200);
        as("finance-1", "finance").queryParam("memberId", rep.id).body(body).when().post(PATH).then().statusCode(200);
        as("crm-1", "crm-integration").body(body).when().post(PATH).then().statusCode(403).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(body).when().post(PATH).then().statusCode(401);
    }

    @Test
    void shouldRefuseWhatItCannotEstimatePrecisely() {
        Rep rep = new Rep();
        String caller = rep.id;

        as(caller, "rep").body(deal("100.00", "XXQ", rep.periodId, null)).when().post(PATH)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/unknown-currency"))
                .body("errors.field", hasItem("dealAmount.currency"));
        as(caller, "rep").body(deal("100.00", "NOK", rep.periodId, null)).when().post(PATH)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/missing-exchange-rate"));
        as(caller, "rep").body(deal("100.001", "CNY", rep.periodId, null)).when().post(PATH)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("dealAmount.amount"));
        as(caller, "rep").body(deal("-5.00", "CNY", rep.periodId, null)).when().post(PATH)
                .then().statusCode(400).contentType(PROBLEM);
        as(caller, "rep").body(deal("100.00", "CNY", UUID.randomUUID().toString(), null)).when().post(PATH)
                .then().statusCode(404).contentType(PROBLEM);
        as(caller, "rep").body(deal("100.00", "CNY", null, null)).when().post(PATH)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("periodId"));
        as(caller, "rep").body(deal("100.00", "CNY", null, LocalDate.of(rep.year, 5, 1))).when().post(PATH)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/no-period"));
        as(caller, "rep").body(deal("100.00", "CNY", rep.periodId, LocalDate.of(rep.year, 5, 1))).when().post(PATH)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("closeDate"));
        as(caller, "rep").body("{\"dealAmount\": {\"amount\": \"1\", \"currency\": \"CNY\"}, \"periodId\": \""
                        + rep.periodId + "\", \"commission\": \"1000000\"}").when().post(PATH)
                .then().statusCode(400).contentType(PROBLEM);
        as(member(), "rep").body(deal("100.00", "CNY", rep.periodId, null)).when().post(PATH)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/no-plan"));

        Commissions.calculate(rep.periodId);
        close(rep.periodId);
        as(caller, "rep").body(deal("100.00", "CNY", rep.periodId, null)).when().post(PATH)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/period-closed"));
    }

    @Test
    void shouldSayWhyADealChangesNothingWithoutAQuota() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        String periodId = period(year, 1);

        as(rep, "rep").body(deal("500000.00", "CNY", periodId, null)).when().post(PATH)
                .then().statusCode(200).body("quota", equalTo(null)).body("difference.amount", equalTo("0.00"))
                .body("note", containsString("no quota"));
    }

    /** Rows that would show any write: the member's ledger and statements, the period's runs and events, the plan's use. */
    private Map<String, Long> footprint(Rep rep) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("credit_entry", count("select count(*) from credit_entry where member_id = ?1", rep.id));
            counts.put("credit_entry_fact", count("select count(*) from credit_entry_fact f join credit_entry e on e.id = f.entry_id"
                    + " where e.member_id = ?1", rep.id));
            counts.put("statement", count("select count(*) from statement where member_id = ?1", rep.id));
            counts.put("commission_line", count("select count(*) from commission_line where member_id = ?1", rep.id));
            counts.put("calculation_run", count("select count(*) from calculation_run where period_id = cast(?1 as uuid)", rep.periodId));
            counts.put("outbox_message", count("select count(*) from outbox_message where aggregate_id = ?1", rep.periodId));
            counts.put("plan_version_used", count("select count(*) from plan_version where plan_id = cast(?1 as uuid)"
                    + " and used_at is not null", rep.planId));
            counts.put("plan_version_version", count("select coalesce(sum(version), 0) from plan_version where plan_id = cast(?1 as uuid)",
                    rep.planId));
            counts.put("period_version", count("select version from commission_period where id = cast(?1 as uuid)", rep.periodId));
            return counts;
        });
    }

    private long count(String sql, String parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    static String deal(String amount, String currency, String periodId, LocalDate closeDate) {
        return """
                {"dealAmount": {"amount": "%s", "currency": "%s"}%s%s}""".formatted(amount, currency,
                periodId == null ? "" : ", \"periodId\": \"" + periodId + "\"",
                closeDate == null ? "" : ", \"closeDate\": \"" + closeDate + "\"");
    }

    static RequestSpecification as(String sub, String... roles) {
        return TestTokens.as(sub, roles).contentType(ContentType.JSON);
    }

    /** A rep on the seed plan with a quota of 1,000,000 CNY in the first quarter of a year of their own. */
    static final class Rep {
        final int year = year();
        final String id = member();
        final String planId;
        final String periodId;

        Rep() {
            this(seedTerms("RETROACTIVE", "BOOKED"));
        }

        Rep(String terms) {
            planId = plan(terms, quarterStart(year, 1));
            assign(planId, id, quarterStart(year, 1), quarterEnd(year, 4));
            quota(id, year, 1, "1000000.00");
            awaitQuota(id, "1000000.00");
            periodId = period(year, 1);
        }

        LocalDate day(int month, int day) {
            return LocalDate.of(year, month, day);
        }
    }
}
