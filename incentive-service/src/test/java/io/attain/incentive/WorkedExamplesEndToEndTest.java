package io.attain.incentive;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitCredits;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.awaitTotal;
import static io.attain.incentive.Commissions.calculate;
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

/**
 * The worked examples of issue 5 end to end: the quota arrives as a target event, the deals as deal events,
 * the plan, assignment and period through the REST API, and the statement is read back. Quarterly quota
 * 1,000,000 CNY; tiers 80% → 1%, 100% → 1.5%, 120% → 2%; gate at 80%.
 */
@QuarkusTest
class WorkedExamplesEndToEndTest {

    @ParameterizedTest(name = "RETROACTIVE: {0} CNY credited pays {1} CNY")
    @CsvSource({
            "850000.00,  8500.00",
            "1100000.00, 16500.00",
            "1250000.00, 25000.00",
            "790000.00,  0.00",
    })
    void retroactiveTiersPayTheWholeCreditAtTheRateOfTheTierReached(String credited, String commission) {
        Scenario scenario = new Scenario("RETROACTIVE");
        new Commissions.Deal(scenario.rep, credited).won(scenario.day(2, 14));
        awaitCredits(scenario.rep, 1);

        calculate(scenario.periodId);
        JsonPath statement = statement(scenario.rep, scenario.periodId);

        assertThat(statement.getString("total.amount")).isEqualTo(commission);
        assertThat(statement.getString("total.currency")).isEqualTo("CNY");
        assertThat(statement.getString("periodStatus")).isEqualTo("CALCULATED");
        assertThat(statement.getString("quota.amount")).isEqualTo("1000000.00");
    }

    @Test
    void theStatementExplainsTheTierReachedLineByLine() {
        Scenario scenario = new Scenario("RETROACTIVE");
        // Two deals adding up to 1,100,000: attainment 110%
        new Commissions.Deal(scenario.rep, "600000.00").won(scenario.day(1, 20));
        new Commissions.Deal(scenario.rep, "500000.00").won(scenario.day(3, 2));
        awaitCredits(scenario.rep, 2);

        calculate(scenario.periodId);
        JsonPath statement = statement(scenario.rep, scenario.periodId);

        assertThat(statement.getString("attainmentPercent")).isEqualTo("110.00");
        assertThat(statement.getList("lines")).hasSize(1);
        assertThat(statement.getString("lines[0].component")).isEqualTo("TIER");
        assertThat(statement.getString("lines[0].rule")).isEqualTo("tier:100");
        assertThat(statement.getString("lines[0].ratePercent")).isEqualTo("1.5");
        assertThat(statement.getString("lines[0].basis.amount")).isEqualTo("1100000.00");
        assertThat(statement.getString("lines[0].amount.amount")).isEqualTo("16500.00");
        assertThat(statement.getString("lines[0].explanation"))
                .isEqualTo("1.5% on 1,100,000.00 CNY because attainment 110.00% reached the 100% tier");
        assertThat(statement.getString("total.amount")).isEqualTo("16500.00");
    }

    @Test
    void belowTheGateTheStatementSaysWhyNothingIsPaid() {
        Scenario scenario = new Scenario("RETROACTIVE");
        new Commissions.Deal(scenario.rep, "790000.00").won(scenario.day(2, 1));
        awaitCredits(scenario.rep, 1);

        calculate(scenario.periodId);
        JsonPath statement = statement(scenario.rep, scenario.periodId);

        assertThat(statement.getList("lines.component")).containsExactly("TIER", "GATE");
        assertThat(statement.getList("lines.explanation")).containsExactly(
                "no commission: attainment 79.00% is below the lowest tier (80%)",
                "no commission below the 80% gate: attainment 79.00%");
        assertThat(statement.getString("total.amount")).isEqualTo("0.00");
    }

    @Test
    void marginalTiersPayEachSliceAtItsOwnRate() {
        Scenario scenario = new Scenario("MARGINAL");
        new Commissions.Deal(scenario.rep, "1100000.00").won(scenario.day(3, 30));
        awaitCredits(scenario.rep, 1);

        calculate(scenario.periodId);
        JsonPath statement = statement(scenario.rep, scenario.periodId);

        // (1,000,000 − 800,000) × 1% + 100,000 × 1.5% = 3,500.00
        assertThat(statement.getString("total.amount")).isEqualTo("3500.00");
        assertThat(statement.getList("lines.amount.amount")).containsExactly("2000.00", "1500.00");
        assertThat(statement.getList("lines.explanation")).containsExactly(
                "1% on 200,000.00 CNY, the credit from 80% to 100% of quota (attainment 110.00%)",
                "1.5% on 100,000.00 CNY, the credit above 100% of quota (attainment 110.00%)");
    }

    @Test
    void statementsFollowTheLedgerWithoutBeingAskedToRecalculate() {
        Scenario scenario = new Scenario("RETROACTIVE");
        new Commissions.Deal(scenario.rep, "850000.00").won(scenario.day(1, 10));

        awaitTotal(scenario.rep, scenario.periodId, "8500.00");
        new Commissions.Deal(scenario.rep, "250000.00").won(scenario.day(2, 10));

        JsonPath statement = awaitTotal(scenario.rep, scenario.periodId, "16500.00");
        assertThat(statement.getString("periodStatus")).isEqualTo("OPEN");
        assertThat(statement.getString("run.trigger")).isEqualTo("AUTO");
    }

    /** One rep on the seed plan in a quarter of their own, with a quota of 1,000,000 CNY. */
    static final class Scenario {
        final int year = year();
        final String rep = member();
        final String planId;
        final String periodId;

        Scenario(String mode) {
            this(mode, "BOOKED");
        }

        Scenario(String mode, String basis) {
            planId = plan(seedTerms(mode, basis), quarterStart(year, 1));
            assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
            quota(rep, year, 1, "1000000.00");
            awaitQuota(rep, "1000000.00");
            periodId = period(year, 1);
        }

        LocalDate day(int month, int day) {
            return LocalDate.of(year, month, day);
        }
    }
}
