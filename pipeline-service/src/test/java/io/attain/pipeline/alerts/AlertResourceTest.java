package io.attain.pipeline.alerts;

import io.attain.pipeline.OrgFixture;
import io.attain.pipeline.PipelineApi;
import io.attain.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Alerts over deals and accounts made old by moving their times back in the database. Stale after 30 days, 14 in
 * NEGOTIATION (application.properties); accounts after 30 days without contact. The rep of each test is alone in
 * the east team; listing with {@code ?owner=} that rep keeps other tests' alerts out of view.
 */
@QuarkusTest
class AlertResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ALERTS = "/api/pipeline/alerts";

    @Inject
    EntityManager em;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String rep = "rep-" + suffix;
    private final String eastManager = "east-mgr-" + suffix;
    private UUID eastTeam;
    private UUID westTeam;
    private String coldLead;
    private String coldNegotiation;
    private String overdue;
    private String silentAccount;

    /**
     * Alerting: a LEAD untouched for 40 days, a NEGOTIATION untouched for 20 days, an open deal 5 days past its close
     * date, an account without contact for 40 days. Not alerting: a LEAD untouched for 20 days, a LEAD created 40 days
     * ago with an activity yesterday, a WON deal past its close date, an account created 40 days ago but contacted 2
     * days ago.
     */
    @BeforeEach
    void oldDealsAndAccounts() {
        eastTeam = OrgFixture.team(eastManager, rep);
        westTeam = OrgFixture.team("west-mgr-" + suffix, "west-rep-" + suffix);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        coldLead = PipelineApi.deal(rep, "A", "1000.00", "CNY", null);
        ageDeal(coldLead, 40, null);
        coldNegotiation = PipelineApi.deal(rep, "A", "250000.00", "CNY", null);
        PipelineApi.move(rep, coldNegotiation, "NEGOTIATION");
        ageDeal(coldNegotiation, 20, null);
        ageDeal(PipelineApi.deal(rep, "A", "1000.00", "CNY", null), 20, null);
        ageDeal(PipelineApi.deal(rep, "A", "1000.00", "CNY", null), 40, 1);
        overdue = PipelineApi.deal(rep, "B", "8000.00", "CNY", today.minusDays(5));
        String won = PipelineApi.deal(rep, "B", "9000.00", "CNY", today.minusDays(5));
        PipelineApi.move(rep, won, "WON");

        silentAccount = PipelineApi.account(rep, "沉默客户 " + suffix);
        ageAccount(silentAccount, 40, null);
        ageAccount(PipelineApi.account(rep, "活跃客户 " + suffix), 40, 2);
    }

    @Test
    void shouldListStaleDealsThenOverdueDealsThenSilentAccounts() {
        asRep().when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.type", contains("STALE_DEAL", "STALE_DEAL", "PAST_CLOSE_DATE", "ACCOUNT_NO_CONTACT"))
                .body("items.id", contains(coldLead, coldNegotiation, overdue, silentAccount))
                .body("items.subject", contains("deal", "deal", "deal", "account"))
                .body("items.days", contains(40, 20, 5, 40))
                .body("items.thresholdDays", contains(30, 14, null, 30))
                .body("items.stage", contains("LEAD", "NEGOTIATION", "LEAD", null))
                .body("items[1].amount.amount", equalTo("250000.00"))
                .body("items[1].ownerId", equalTo(rep))
                .body("items[2].expectedCloseDate", equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(5).toString()))
                .body("items[3].name", equalTo("沉默客户 " + suffix))
                .body("items[3].amount", nullValue());
    }

    @Test
    void shouldFilterByTypeAndPageAcrossTypes() {
        asRep().queryParam("type", "STALE_DEAL").when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", contains(coldLead, coldNegotiation));
        asRep().queryParam("type", "past_close_date").when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains(overdue));
        asRep().queryParam("type", "ACCOUNT_NO_CONTACT").when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains(silentAccount));
        asRep().queryParam("size", 3).queryParam("page", 0).when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(4)).body("items.id", contains(coldLead, coldNegotiation, overdue));
        asRep().queryParam("size", 3).queryParam("page", 1).when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(4)).body("items.id", contains(silentAccount));
        asRep().queryParam("size", 2).queryParam("page", 1).when().get(ALERTS).then().statusCode(200)
                .body("items.id", contains(overdue, silentAccount));
        asRep().queryParam("size", 2).queryParam("page", 5).when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(4)).body("items.size()", equalTo(0));
    }

    @Test
    void shouldScopeAlertsToTheRepTheManagersTeamOrEveryone() {
        TestTokens.as("west-rep-" + suffix, "rep").queryParam("owner", rep).when().get(ALERTS).then().statusCode(200)
                .body("total", equalTo(0));
        TestTokens.as(eastManager, "manager").queryParam("team", eastTeam.toString()).when().get(ALERTS).then()
                .statusCode(200).body("total", equalTo(4));
        TestTokens.as(eastManager, "manager").when().get(ALERTS).then().statusCode(200).body("total", equalTo(4));
        TestTokens.as(eastManager, "manager").queryParam("team", westTeam.toString()).when().get(ALERTS).then()
                .statusCode(200).body("total", equalTo(0));
        TestTokens.as("west-mgr-" + suffix, "manager").queryParam("owner", rep).when().get(ALERTS).then()
                .statusCode(200).body("total", equalTo(0));
        TestTokens.as("fin-" + suffix, "finance").queryParam("team", eastTeam.toString()).when().get(ALERTS).then()
                .statusCode(200).body("total", equalTo(4));
    }

    @Test
    void shouldRejectBadParameters() {
        asRep().queryParam("type", "LOST_DEAL").when().get(ALERTS).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("type"));
        asRep().queryParam("size", 201).when().get(ALERTS).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("size"));
        asRep().queryParam("page", -1).when().get(ALERTS).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("page"));
        asRep().queryParam("team", "east").when().get(ALERTS).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("team"));
        asRep().queryParam("team", UUID.randomUUID().toString()).when().get(ALERTS).then().statusCode(404)
                .contentType(PROBLEM);
        given().when().get(ALERTS).then().statusCode(401);
        TestTokens.as("crm-" + suffix, "crm-integration").when().get(ALERTS).then().statusCode(403);
    }

    private RequestSpecification asRep() {
        return TestTokens.as(rep, "rep").queryParam("owner", rep);
    }

    /** Moves the deal's creation and stage history back by {@code days}; an activity {@code activityDaysAgo} if given. */
    private void ageDeal(String dealId, int days, Integer activityDaysAgo) {
        QuarkusTransaction.requiringNew().run(() -> {
            UUID id = UUID.fromString(dealId);
            em.createNativeQuery("update deal set created_at = :at, last_activity_at = :activity where id = :id")
                    .setParameter("at", ago(days)).setParameter("activity", activityDaysAgo == null ? null : ago(activityDaysAgo))
                    .setParameter("id", id).executeUpdate();
            em.createNativeQuery("update stage_transition set at = :at where deal_id = :id")
                    .setParameter("at", ago(days)).setParameter("id", id).executeUpdate();
        });
    }

    private void ageAccount(String accountId, int days, Integer contactedDaysAgo) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update account set created_at = :at, last_contacted_at = :contacted where id = :id")
                .setParameter("at", ago(days)).setParameter("contacted", contactedDaysAgo == null ? null : ago(contactedDaysAgo))
                .setParameter("id", UUID.fromString(accountId)).executeUpdate());
    }

    /** A little over whole days ago, so the day count is exact however long the test takes. */
    private static OffsetDateTime ago(int days) {
        return OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofDays(days)).minus(Duration.ofMinutes(10)),
                ZoneOffset.UTC);
    }
}
