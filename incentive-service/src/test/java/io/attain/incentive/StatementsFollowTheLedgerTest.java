package io.attain.incentive;

import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.testing.CloudEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.attain.incentive.Commissions.PATIENCE;
import static io.attain.incentive.Commissions.amountOf;
import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.awaitStatement;
import static io.attain.incentive.Commissions.awaitTotal;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Commissions.period;
import static io.attain.incentive.Commissions.plan;
import static io.attain.incentive.Commissions.quarterEnd;
import static io.attain.incentive.Commissions.quarterStart;
import static io.attain.incentive.Commissions.quota;
import static io.attain.incentive.Commissions.seedTerms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statements follow ledger and org changes as soon as they commit, not on the safety-net timer: here the timer
 * looks only once an hour, so every statement change seen comes from the change itself. A change recalculates
 * only the statements it can move; the period keeps showing everyone else's.
 */
@QuarkusTest
@TestProfile(StatementsFollowTheLedgerTest.TimerOnceAnHour.class)
class StatementsFollowTheLedgerTest {

    /** The safety-net timer out of the way. */
    public static class TimerOnceAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("attain.incentive.recalculation-interval", "1h");
        }
    }

    private static final String TEAM_TERMS = """
            {"rateTable": {"mode": "RETROACTIVE", "tiers": %s}, "gatePercent": "80",
             "teamBonus": {"fixedPerMember": {"amount": "12000.00", "currency": "CNY"}, "excessPoolPercent": "10"},
             "managerOverride": {"percent": "5"}}""".formatted(Commissions.SEED_TIERS);

    private static final String OVERRIDE_TERMS = """
            {"rateTable": {"mode": "RETROACTIVE", "tiers": %s}, "gatePercent": "80", "managerOverride": {"percent": "5"}}"""
            .formatted(Commissions.SEED_TIERS);

    @Inject
    EntityManager em;

    /**
     * A year no other test uses: this profile restarts the application in a class loader of its own, where
     * {@link Commissions#year()} counts from its start again, while the database keeps the other tests' periods.
     */
    private static int ownYear() {
        return Commissions.year() + 700;
    }

    @Test
    void aDealEventUpdatesItsMembersStatementAndLeavesTheOthersShown() {
        int year = ownYear();
        String rep = member();
        String colleague = member();
        String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        for (String member : List.of(rep, colleague)) {
            assign(planId, member, quarterStart(year, 1), quarterEnd(year, 1));
            quota(member, year, 1, "1000000.00");
            awaitQuota(member, "1000000.00");
        }
        String q1 = period(year, 1);
        new Commissions.Deal(colleague, "850000.00").won(LocalDate.of(year, 1, 10));
        JsonPath colleagueBefore = awaitTotal(colleague, q1, "8500.00");

        new Commissions.Deal(rep, "1100000.00").won(LocalDate.of(year, 2, 1));

        JsonPath repStatement = awaitTotal(rep, q1, "16500.00");
        assertThat(repStatement.getString("run.trigger")).isEqualTo("AUTO");
        assertThat(runScope(repStatement.getString("run.id"))).isEqualTo("MEMBERS");
        JsonPath colleagueAfter = Commissions.statement(colleague, q1);
        assertThat(colleagueAfter.getString("run.id")).as("the colleague's statement was not recalculated")
                .isEqualTo(colleagueBefore.getString("run.id"));
        assertThat(colleagueAfter.getString("total.amount")).isEqualTo("8500.00");
        assertThat(Commissions.finance().queryParam("periodId", q1).when().get("/api/incentives/statements")
                .then().statusCode(200).extract().jsonPath().getList("items.memberId"))
                .as("the period shows both statements").contains(rep, colleague);
    }

    @Test
    void aMemberLeavingATeamRecalculatesTheTeamsBonusWithoutALedgerChange() {
        int year = ownYear();
        UUID team = UUID.randomUUID();
        UUID otherTeam = UUID.randomUUID();
        String manager = "mgr-" + UUID.randomUUID();
        String stays = member();
        String leaves = member();
        CloudEvents.sendOrgUnit(team, 1, "华南二组 " + year, null, manager);
        CloudEvents.sendOrgUnit(otherTeam, 1, "华南三组 " + year, null, null);
        CloudEvents.sendMembership(manager, 1, team, "MANAGER");
        CloudEvents.sendMembership(stays, 1, team, "REP");
        CloudEvents.sendMembership(leaves, 1, team, "REP");
        await().atMost(PATIENCE).until(() -> count("select count(*) from org_directory_member where org_unit_id = '" + team + "'") == 3);
        String planId = plan(TEAM_TERMS, quarterStart(year, 1));
        for (String member : List.of(manager, stays, leaves)) {
            assign(planId, member, quarterStart(year, 1), quarterEnd(year, 1));
        }
        for (String rep : List.of(stays, leaves)) {
            quota(rep, year, 1, "1000000.00");
            awaitQuota(rep, "1000000.00");
        }
        Commissions.publishTarget(new TargetEvent(UUID.randomUUID(), 1, null, "REVENUE", quarterStart(year, 1), quarterEnd(year, 1),
                new TargetEvent.TargetScope(team, null, Map.of()), Money.of("2000000.00", "CNY"), null, null, null, null, "mgr-1",
                Instant.now()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from quota where org_unit_id = '" + team + "' and member_id is null") == 1);
        String q1 = period(year, 1);
        new Commissions.Deal(stays, "1500000.00").won(LocalDate.of(year, 2, 10));
        new Commissions.Deal(leaves, "700000.00").won(LocalDate.of(year, 1, 20));
        // 2,200,000 of 2,000,000: 12,000.00 each and 10% of the 200,000 excess, 15/22 of it to the one who stays
        awaitStatement(stays, q1, body -> "13636.36".equals(amountOf(body, "TEAM_POOL")) && "12000.00".equals(amountOf(body, "TEAM_BONUS")));

        CloudEvents.sendMembership(leaves, 2, otherTeam, "REP");

        // 1,500,000 of 2,000,000 without them: the team bonus is not reached, only the 2% tier commission on 1,500,000
        JsonPath after = awaitStatement(stays, q1, body -> "none".equals(amountOf(body, "TEAM_POOL")));
        assertThat(amountOf(after, "TEAM_BONUS")).isEqualTo("0.00");
        assertThat(after.getString("total.amount")).isEqualTo("30000.00");
    }

    @Test
    void aManagerKeepsTheOverrideOfTheirOtherTeamWhenOneTeamChanges() {
        int year = ownYear();
        String manager = "mgr-" + UUID.randomUUID();
        UUID east = UUID.randomUUID();
        UUID west = UUID.randomUUID();
        String eastRep = member();
        String westRep = member();
        CloudEvents.sendOrgUnit(east, 1, "华东四组 " + year, null, manager);
        CloudEvents.sendOrgUnit(west, 1, "华西四组 " + year, null, manager);
        CloudEvents.sendMembership(eastRep, 1, east, "REP");
        CloudEvents.sendMembership(westRep, 1, west, "REP");
        await().atMost(PATIENCE).until(() -> count("select count(*) from org_directory_unit where manager_id = '" + manager + "'") == 2
                && count("select count(*) from org_directory_member where member_id in ('" + eastRep + "', '" + westRep + "')") == 2);
        String planId = plan(OVERRIDE_TERMS, quarterStart(year, 1));
        assign(planId, manager, quarterStart(year, 1), quarterEnd(year, 1));
        for (String rep : List.of(eastRep, westRep)) {
            assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 1));
            quota(rep, year, 1, "1000000.00");
            awaitQuota(rep, "1000000.00");
        }
        for (UUID team : List.of(east, west)) {
            Commissions.publishTarget(new TargetEvent(UUID.randomUUID(), 1, null, "REVENUE", quarterStart(year, 1),
                    quarterEnd(year, 1), new TargetEvent.TargetScope(team, null, Map.of()), Money.of("1000000.00", "CNY"), null,
                    null, null, null, "mgr-1", Instant.now()));
        }
        await().atMost(PATIENCE).until(() -> count("select count(*) from quota where org_unit_id in ('" + east + "', '" + west
                + "') and member_id is null") == 2);
        String q1 = period(year, 1);
        new Commissions.Deal(eastRep, "1000000.00").won(LocalDate.of(year, 2, 10));
        new Commissions.Deal(westRep, "1000000.00").won(LocalDate.of(year, 2, 11));
        // 5% of 15,000.00 + 15,000.00
        awaitStatement(manager, q1, body -> "1500.00".equals(amountOf(body, "OVERRIDE")));

        new Commissions.Deal(eastRep, "100000.00").won(LocalDate.of(year, 3, 1));

        // 1,100,000 at 1.5% = 16,500.00 in the east; the west's 15,000.00 still counts: 5% of 31,500.00
        awaitTotal(eastRep, q1, "16500.00");
        JsonPath managerStatement = awaitStatement(manager, q1, body -> !"1500.00".equals(amountOf(body, "OVERRIDE")));
        assertThat(amountOf(managerStatement, "OVERRIDE")).isEqualTo("1575.00");
    }

    private String runScope(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select scope from calculation_run where id = cast(?1 as uuid)").setParameter(1, runId).getSingleResult());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
