package io.attain.incentive;

import io.attain.testing.CloudEvents;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Managers see the incentive data of their org subtree only, from the org events of targets-service:
 * a department head sees the reps of the teams below, a team lead only their own team, nobody else's:
 * credits, quotas and statements alike.
 */
@QuarkusTest
class ManagerScopeTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final UUID company = UUID.randomUUID();
    private final UUID department = UUID.randomUUID();
    private final UUID east = UUID.randomUUID();
    private final UUID west = UUID.randomUUID();
    private final String head = "head-" + suffix;
    private final String eastLead = "east-lead-" + suffix;
    private final String alice = "alice-" + suffix;
    private final String bob = "bob-" + suffix;

    /** Company → department (head) → east team (eastLead, alice) and west team (no manager, bob). */
    void organisation() {
        CloudEvents.sendOrgUnit(company, 1, "示例公司", null, null);
        CloudEvents.sendOrgUnit(department, 1, "大客户部", company, head);
        CloudEvents.sendOrgUnit(east, 1, "华东组", department, eastLead);
        CloudEvents.sendOrgUnit(west, 1, "华西组", department, null);
        CloudEvents.sendMembership(head, 1, department, "MANAGER");
        CloudEvents.sendMembership(eastLead, 1, east, "MANAGER");
        CloudEvents.sendMembership(alice, 1, east, "REP");
        CloudEvents.sendMembership(bob, 1, west, "REP");
        // The last event sent: once the head sees bob, every earlier org event has been applied too.
        await().atMost(CreditLedgerTest.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                TestTokens.as(head, "manager").when().get(credits(bob)).then().extract().statusCode() == 200);
    }

    @Test
    void shouldShowAManagerTheCreditsAndQuotasOfTheirSubtreeOnly() {
        organisation();

        for (String path : new String[]{credits(alice), quotas(alice)}) {
            TestTokens.as(head, "manager").when().get(path).then().statusCode(200);
            TestTokens.as(eastLead, "manager").when().get(path).then().statusCode(200);
            TestTokens.as(alice, "rep").when().get(path).then().statusCode(200);
            TestTokens.as(bob, "rep").when().get(path).then().statusCode(404);
            TestTokens.as("finance-" + suffix, "finance").when().get(path).then().statusCode(200);
        }
        for (String path : new String[]{credits(bob), quotas(bob)}) {
            TestTokens.as(head, "manager").when().get(path).then().statusCode(200);
            TestTokens.as(eastLead, "manager").when().get(path).then().statusCode(404)
                    .contentType("application/problem+json");
            TestTokens.as(alice, "rep").when().get(path).then().statusCode(404);
        }
        for (String path : new String[]{credits(head), quotas(head)}) {
            TestTokens.as(eastLead, "manager").when().get(path).then().statusCode(404);
            TestTokens.as(head, "manager").when().get(path).then().statusCode(200);
        }
    }

    @Test
    void shouldFollowAMemberWhoMovesToAnotherTeam() {
        organisation();
        TestTokens.as(eastLead, "manager").when().get(credits(bob)).then().statusCode(404);

        CloudEvents.sendMembership(bob, 2, east, "REP");

        await().atMost(CreditLedgerTest.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                TestTokens.as(eastLead, "manager").when().get(credits(bob)).then().extract().statusCode() == 200);
        CloudEvents.sendMembership(alice, 2, west, "REP");
        await().atMost(CreditLedgerTest.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                TestTokens.as(eastLead, "manager").when().get(credits(alice)).then().extract().statusCode() == 404);
    }

    @Test
    void shouldShowAManagerTheStatementsOfTheirSubtreeOnly() {
        organisation();
        int year = Commissions.year();
        String planId = Commissions.plan(Commissions.seedTerms("RETROACTIVE", "BOOKED"), Commissions.quarterStart(year, 1));
        for (String rep : new String[]{alice, bob}) {
            Commissions.assign(planId, rep, Commissions.quarterStart(year, 1), Commissions.quarterEnd(year, 1));
            Commissions.quota(rep, year, 1, "1000000.00");
            Commissions.awaitQuota(rep, "1000000.00");
        }
        String periodId = Commissions.period(year, 1);
        new Commissions.Deal(alice, "1100000.00").won(LocalDate.of(year, 2, 1));
        new Commissions.Deal(bob, "850000.00").won(LocalDate.of(year, 2, 2));
        Commissions.awaitTotal(alice, periodId, "16500.00");
        Commissions.awaitTotal(bob, periodId, "8500.00");

        String aliceStatement = "/api/incentives/members/" + alice + "/statements/" + periodId;
        String bobStatement = "/api/incentives/members/" + bob + "/statements/" + periodId;
        TestTokens.as(eastLead, "manager").when().get(aliceStatement).then().statusCode(200)
                .body("total.amount", equalTo("16500.00"));
        TestTokens.as(eastLead, "manager").when().get(bobStatement).then().statusCode(404)
                .contentType("application/problem+json");
        TestTokens.as(head, "manager").when().get(bobStatement).then().statusCode(200);
        TestTokens.as(alice, "rep").when().get(bobStatement).then().statusCode(404);
        TestTokens.as(bob, "rep").when().get(bobStatement).then().statusCode(200);

        String list = "/api/incentives/statements?periodId=" + periodId;
        TestTokens.as(eastLead, "manager").when().get(list).then().statusCode(200)
                .body("items.memberId", contains(alice)).body("total", equalTo(1));
        TestTokens.as(head, "manager").when().get(list).then().statusCode(200)
                .body("items.memberId", containsInAnyOrder(alice, bob));
        TestTokens.as(bob, "rep").when().get(list).then().statusCode(200).body("items.memberId", contains(bob));
        TestTokens.as(eastLead, "manager").when().get(list + "&memberId=" + bob).then().statusCode(404);
    }

    static String credits(String memberId) {
        return "/api/incentives/members/" + memberId + "/credits";
    }

    static String quotas(String memberId) {
        return "/api/incentives/members/" + memberId + "/quotas";
    }
}
