package io.attain.incentive;

import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.testing.CloudEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.attain.incentive.Commissions.PATIENCE;
import static io.attain.incentive.Commissions.amountOf;
import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitCredits;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.calculate;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Commissions.period;
import static io.attain.incentive.Commissions.plan;
import static io.attain.incentive.Commissions.quarterEnd;
import static io.attain.incentive.Commissions.quarterStart;
import static io.attain.incentive.Commissions.quota;
import static io.attain.incentive.Commissions.statement;
import static io.attain.incentive.Commissions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The team example of issue 5 end to end: a team of three (from org events) with a target of 3,000,000 CNY
 * reaching 3,300,000; each member gets the fixed team bonus and 10% of the 300,000 excess is split by each
 * member's share of the team's credit, summing exactly to 30,000.00; the manager earns a 5% override.
 */
@QuarkusTest
class TeamBonusTest {

    private static final String TEAM_TERMS = """
            {"rateTable": {"mode": "RETROACTIVE", "tiers": %s}, "gatePercent": "80",
             "teamBonus": {"fixedPerMember": {"amount": "12000.00", "currency": "CNY"}, "excessPoolPercent": "10"},
             "managerOverride": {"percent": "5"}}""".formatted(Commissions.SEED_TIERS);

    @Inject
    EntityManager em;

    @Test
    void aTeamReachingItsTargetSharesTheFixedBonusAndTheExcessPoolExactly() {
        int year = year();
        UUID team = UUID.randomUUID();
        String manager = "mgr-" + UUID.randomUUID();
        List<String> reps = List.of(member(), member(), member());
        CloudEvents.sendOrgUnit(team, 1, "华东一组 " + year, null, manager);
        CloudEvents.sendMembership(manager, 1, team, "MANAGER");
        reps.forEach(rep -> CloudEvents.sendMembership(rep, 1, team, "REP"));
        await().atMost(PATIENCE).until(() -> count("select count(*) from org_directory_member where org_unit_id = '" + team + "'") == 4
                && count("select count(*) from org_directory_unit where id = '" + team + "'") == 1);

        String planId = plan(TEAM_TERMS, quarterStart(year, 1));
        assign(planId, manager, quarterStart(year, 1), quarterEnd(year, 4));
        reps.forEach(rep -> {
            assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
            quota(rep, year, 1, "1000000.00");
        });
        Commissions.publishTarget(new TargetEvent(UUID.randomUUID(), 1, null, "REVENUE", quarterStart(year, 1), quarterEnd(year, 1),
                new TargetEvent.TargetScope(team, null, Map.of()), Money.of("3000000.00", "CNY"), null, null, null, null, "mgr-1",
                Instant.now()));
        reps.forEach(rep -> awaitQuota(rep, "1000000.00"));
        await().atMost(PATIENCE).until(() -> count("select count(*) from quota where org_unit_id = '" + team + "' and member_id is null") == 1);
        String q1 = period(year, 1);
        new Commissions.Deal(reps.get(0), "1500000.00").won(LocalDate.of(year, 2, 10));
        new Commissions.Deal(reps.get(1), "1100000.00").won(LocalDate.of(year, 3, 3));
        new Commissions.Deal(reps.get(2), "700000.00").won(LocalDate.of(year, 1, 20));
        reps.forEach(rep -> awaitCredits(rep, 1));

        calculate(q1);

        List<JsonPath> statements = reps.stream().map(rep -> statement(rep, q1)).toList();
        for (JsonPath statement : statements) {
            assertThat(amountOf(statement, "TEAM_BONUS")).isEqualTo("12000.00");
        }
        // 13,636.3636… → 13,636.36; 10,000.00; 6,363.6363… → 6,363.64 (largest remainder takes the last cent)
        assertThat(statements.stream().map(statement -> amountOf(statement, "TEAM_POOL")).toList())
                .containsExactly("13636.36", "10000.00", "6363.64");
        assertThat(statements.stream().map(statement -> new BigDecimal(amountOf(statement, "TEAM_POOL")))
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("30000.00");
        assertThat(statements.get(0).getString("total.amount")).as("30,000 tier + 12,000 + 13,636.36").isEqualTo("55636.36");
        // The manager: 5% of the team's tier commission (30,000.00 + 16,500.00 + 0.00)
        JsonPath managerStatement = statement(manager, q1);
        assertThat(amountOf(managerStatement, "OVERRIDE")).isEqualTo("2325.00");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
