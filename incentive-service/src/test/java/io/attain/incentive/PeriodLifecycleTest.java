package io.attain.incentive;

import io.attain.events.CloudEventHeaders;
import io.attain.events.CommissionEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.attain.incentive.Commissions.PATIENCE;
import static io.attain.incentive.Commissions.admin;
import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitCredits;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.awaitStatement;
import static io.attain.incentive.Commissions.awaitTotal;
import static io.attain.incentive.Commissions.calculate;
import static io.attain.incentive.Commissions.close;
import static io.attain.incentive.Commissions.finance;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Commissions.period;
import static io.attain.incentive.Commissions.plan;
import static io.attain.incentive.Commissions.quarterEnd;
import static io.attain.incentive.Commissions.quarterStart;
import static io.attain.incentive.Commissions.quota;
import static io.attain.incentive.Commissions.seedTerms;
import static io.attain.incentive.Commissions.statement;
import static io.attain.incentive.Commissions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Periods OPEN → CALCULATED → CLOSED, locking, late changes, duplicates and replays, commission events. */
@QuarkusTest
class PeriodLifecycleTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager em;

    @Test
    void closingLocksThePeriodAndPublishesItOnce() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String periodId = period(year, 1);
        new Commissions.Deal(rep, "1100000.00").won(LocalDate.of(year, 2, 3));
        awaitCredits(rep, 1);

        finance().when().post("/api/incentives/periods/" + periodId + "/close")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/period-not-calculated"));
        calculate(periodId);
        admin().when().post("/api/incentives/periods/" + periodId + "/close").then().statusCode(403);
        JsonPath closed = close(periodId);

        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        assertThat(closed.getString("closedBy")).isEqualTo("finance-1");
        assertThat(closed.getString("currentRun.trigger")).isEqualTo("CLOSE");
        finance().when().post("/api/incentives/periods/" + periodId + "/close")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/period-closed"));
        finance().when().post("/api/incentives/periods/" + periodId + "/calculate")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/period-closed"));
        JsonPath statement = statement(rep, periodId);
        assertThat(statement.getString("periodStatus")).isEqualTo("CLOSED");
        assertThat(statement.getString("total.amount")).isEqualTo("16500.00");
        assertThat(statement.getBoolean("stale")).isFalse();

        List<ConsumerRecord<String, String>> closings = EventProbe.read(Topics.COMMISSION_EVENTS,
                record -> periodId.equals(record.key())
                        && EventTypes.PERIOD_CLOSED.equals(EventProbe.header(record, CloudEventHeaders.TYPE)), 1, PATIENCE);
        assertThat(closings).hasSize(1);
        CommissionEvent event = read(closings.getFirst());
        assertThat(event.status()).isEqualTo("CLOSED");
        assertThat(event.memberId()).isNull();
        assertThat(event.statementCount()).isEqualTo(1);
        assertThat(event.totals()).extracting(money -> money.amount().toPlainString()).containsExactly("16500.00");
        List<ConsumerRecord<String, String>> statements = EventProbe.read(Topics.COMMISSION_EVENTS,
                record -> periodId.equals(record.key())
                        && EventTypes.STATEMENT_CALCULATED.equals(EventProbe.header(record, CloudEventHeaders.TYPE)), 1, PATIENCE);
        assertThat(read(statements.getFirst()).memberId()).isEqualTo(rep);
    }

    @Test
    void aUsedPlanVersionNeverChangesButANewVersionTakesOverFromItsDate() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        String changed = """
                {"effectiveFrom": "%s", "terms": %s}""".formatted(quarterStart(year, 1), seedTerms("MARGINAL", "BOOKED"));
        // Not used yet: it may still be corrected in place.
        admin().body(changed).when().put("/api/incentives/plans/" + planId + "/versions/1").then().statusCode(200)
                .body("terms.rateTable.mode", equalTo("MARGINAL")).body("used", equalTo(false));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        quota(rep, year, 2, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        new Commissions.Deal(rep, "1100000.00").won(LocalDate.of(year, 3, 1));
        awaitCredits(rep, 1);
        calculate(q1);

        admin().body(changed).when().put("/api/incentives/plans/" + planId + "/versions/1")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/plan-version-used"));
        admin().body("""
                        {"effectiveFrom": "%s", "terms": %s}""".formatted(quarterStart(year, 2), seedTerms("RETROACTIVE", "BOOKED")))
                .when().post("/api/incentives/plans/" + planId + "/versions").then().statusCode(201)
                .body("number", equalTo(2)).body("used", equalTo(false));

        admin().when().get("/api/incentives/plans/" + planId).then().statusCode(200)
                .body("versions.number", equalTo(List.of(1, 2))).body("versions.used", equalTo(List.of(true, false)));
        assertThat(statement(rep, q1).getString("total.amount")).isEqualTo("3500.00");
        String q2 = period(year, 2);
        new Commissions.Deal(rep, "1100000.00").won(LocalDate.of(year, 5, 1));
        JsonPath second = awaitTotal(rep, q2, "16500.00");
        assertThat(second.getInt("planVersion")).isEqualTo(2);
    }

    @Test
    void aDealLostAfterTheCloseIsClawedBackInTheNextOpenPeriod() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        quota(rep, year, 2, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        Commissions.Deal big = new Commissions.Deal(rep, "900000.00").won(LocalDate.of(year, 2, 10));
        new Commissions.Deal(rep, "200000.00").won(LocalDate.of(year, 3, 10));
        awaitCredits(rep, 2);
        calculate(q1);
        close(q1);
        String q2 = period(year, 2);

        // Lost on the last day of the closed quarter, but only told after the close: it lands in Q2.
        big.lost(LocalDate.of(year, 3, 31));
        // And a Q1 win reported late counts in Q2 too.
        new Commissions.Deal(rep, "850000.00").won(LocalDate.of(year, 3, 30));

        JsonPath statement = awaitStatement(rep, q2, body -> body.getList("lines.component").contains("CLAWBACK"));
        assertThat(statement(rep, q1).getString("total.amount")).as("the closed quarter never changes").isEqualTo("16500.00");
        assertThat(statement.getList("lines.component")).containsExactly("TIER", "CLAWBACK");
        // Q2: 850,000 → 85% → 1% = 8,500.00; the Q1 payout on the lost 900,000 (1.5%) = 13,500.00 is taken back
        assertThat(statement.getList("lines.amount.amount")).containsExactly("8500.00", "-13500.00");
        assertThat(statement.getString("total.amount")).isEqualTo("-5000.00");
        assertThat(statement.getString("lines[1].explanation")).contains("takes back the 13,500.00 CNY paid on credit")
                .contains("deal lost on " + year + "-04-01");
        assertThat(statement.getString("lines[1].sourceDealId")).isEqualTo(big.id.toString());
        assertThat(statement.getString("lines[1].sourceEventId")).isNotBlank();
        finance().when().post("/api/incentives/periods/" + q1 + "/close").then().statusCode(409);
        calculate(q2);
        close(q2);
        assertThat(statement(rep, q2).getString("total.amount")).isEqualTo("-5000.00");
    }

    @Test
    void aWinDatedIntoTwoClosedQuartersInARowCountsOnTheFirstDayAfterThem() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 3, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        calculate(q1);
        close(q1);
        String q2 = period(year, 2);
        calculate(q2);
        close(q2);
        String q3 = period(year, 3);

        // Won in February, reported after both Q1 and Q2 closed: it counts on 1 July, in Q3.
        new Commissions.Deal(rep, "850000.00").won(LocalDate.of(year, 2, 15));

        JsonPath statement = awaitStatement(rep, q3, body -> "8500.00".equals(body.getString("total.amount")));
        assertThat(statement.getList("lines.component")).containsExactly("TIER");
        assertThat(statement(rep, q1).getString("total.amount")).as("closed Q1 never changes").isEqualTo("0.00");
        assertThat(statement(rep, q2).getString("total.amount")).as("closed Q2 never changes").isEqualTo("0.00");
        List<?> effective = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select f.effective_on from credit_entry e join credit_entry_fact f on f.entry_id = e.id
                        where e.member_id = ?1""").setParameter(1, rep).getResultList());
        assertThat(effective).map(Object::toString).containsExactly(LocalDate.of(year, 7, 1).toString());
    }

    @Test
    void duplicateEventsAndAReplayOfEveryEventChangeNothing() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        Commissions.Deal first = new Commissions.Deal(rep, "700000.00").won(LocalDate.of(year, 1, 15));
        first.amount("750000.00", LocalDate.of(year, 2, 1));
        Commissions.Deal second = new Commissions.Deal(rep, "500000.00").won(LocalDate.of(year, 2, 20));
        awaitCredits(rep, 4);
        JsonPath before = awaitTotal(rep, q1, "25000.00");

        first.replay();
        second.replay();
        first.replay();
        // Same keys: once this later event is applied, every replayed one before it has been seen.
        Commissions.Deal marker = new Commissions.Deal(rep, "1.00").won(LocalDate.of(year, 3, 31));
        awaitCredits(rep, 5);
        JsonPath after = awaitTotal(rep, q1, "25000.02");
        marker.replay();
        // A change that moves no figure of this period (a rate for a currency nobody here uses) marks everyone stale;
        // the recalculation finds the period unchanged and keeps its run.
        finance().body("""
                        {"from": "JPY", "to": "CNY", "effectiveFrom": "%d-01-01", "rate": "0.05"}""".formatted(year))
                .when().post("/api/incentives/exchange-rates").then().statusCode(201);
        JsonPath unchanged = awaitStatement(rep, q1, body -> true);
        assertThat(unchanged.getInt("run.number")).isEqualTo(after.getInt("run.number"));

        calculate(q1);
        JsonPath recalculated = statement(rep, q1);
        assertThat(before.getString("total.amount")).isEqualTo("25000.00");
        // 1,250,001.00 at 2% = 25,000.02: the replays added nothing, the marker its cent
        assertThat(after.getString("total.amount")).isEqualTo("25000.02");
        assertThat(recalculated.getList("lines")).isEqualTo(after.getList("lines"));
        assertThat(recalculated.getInt("run.number")).isGreaterThan(after.getInt("run.number"));
    }

    @Test
    void commissionLinesAreAnAppendOnlyLedger() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        new Commissions.Deal(rep, "1000000.00").won(LocalDate.of(year, 1, 15));
        awaitCredits(rep, 1);
        calculate(q1);
        calculate(q1);

        long runs = count("select count(distinct run_id) from commission_line where member_id = '" + rep + "'");
        assertThat(runs).as("each calculation keeps its own lines").isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update commission_line set amount = 0 where member_id = '" + rep + "'").executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("delete from statement where member_id = '" + rep + "'").executeUpdate()))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void periodsDoNotOverlapAndRepsSeeOnlyTheirOwnStatements() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        quota(rep, year, 1, "1000000.00");
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        finance().body("""
                        {"name": "overlap-%d", "start": "%d-03-01", "end": "%d-05-31"}""".formatted(year, year, year))
                .when().post("/api/incentives/periods").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/period-overlaps"));
        TestTokens.as(rep, "rep").contentType("application/json").body("""
                        {"name": "mine", "start": "%d-07-01", "end": "%d-09-30"}""".formatted(year, year))
                .when().post("/api/incentives/periods").then().statusCode(403);
        new Commissions.Deal(rep, "800000.00").won(LocalDate.of(year, 1, 15));
        awaitTotal(rep, q1, "8000.00");

        TestTokens.as(rep, "rep").when().get("/api/incentives/members/" + rep + "/statements/" + q1)
                .then().statusCode(200).body("total.amount", equalTo("8000.00"));
        TestTokens.as(member(), "rep").when().get("/api/incentives/members/" + rep + "/statements/" + q1)
                .then().statusCode(404).contentType(PROBLEM);
        TestTokens.as(rep, "rep").queryParam("periodId", q1).when().get("/api/incentives/statements")
                .then().statusCode(200).body("items.memberId", equalTo(List.of(rep))).body("total", equalTo(1));
        TestTokens.as(member(), "rep").queryParam("periodId", q1).when().get("/api/incentives/statements")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        finance().queryParam("periodId", q1).queryParam("memberId", rep).when().get("/api/incentives/statements")
                .then().statusCode(200).body("items[0].lines[0].explanation",
                        equalTo("1% on 800,000.00 CNY because attainment 80.00% reached the 80% tier"));
        finance().when().get("/api/incentives/statements").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("periodId"));
        finance().when().get("/api/incentives/members/" + rep + "/statements/" + UUID.randomUUID()).then().statusCode(404);
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private static CommissionEvent read(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readValue(record.value(), CommissionEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
