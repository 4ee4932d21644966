package io.attain.incentive;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitCredits;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.awaitStatement;
import static io.attain.incentive.Commissions.awaitTotal;
import static io.attain.incentive.Commissions.calculate;
import static io.attain.incentive.Commissions.close;
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
 * Collected basis (回款) end to end: a 1,000,000 deal won in Q1 and paid 40% in Q2 and 60% in Q3 pays on each
 * payment at that quarter's rate; refunds after both payouts claw back exactly what was paid on them.
 */
@QuarkusTest
class CollectedBasisTest {

    @Test
    void paysOnEachPaymentAtItsQuarterRateAndARefundClawsBackExactlyWhatWasPaid() {
        int year = year();
        String rep = member();
        String planId = plan(seedTerms("RETROACTIVE", "COLLECTED"), quarterStart(year, 1));
        assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
        for (int quarter = 1; quarter <= 4; quarter++) {
            quota(rep, year, quarter, "1000000.00");
        }
        awaitQuota(rep, "1000000.00");
        String q1 = period(year, 1);
        String q2 = period(year, 2);
        String q3 = period(year, 3);
        String q4 = period(year, 4);

        Commissions.Deal big = new Commissions.Deal(rep, "1000000.00").won(day(year, 3, 20));
        awaitCredits(rep, 1);
        calculate(q1);
        assertThat(statement(rep, q1).getString("total.amount")).as("won but nothing collected yet").isEqualTo("0.00");
        close(q1);

        // Q2: 400,000 of the big deal + 600,000 of another = 100% collected → 1.5%
        UUID first = big.pay("400000.00", day(year, 5, 15));
        Commissions.Deal other = new Commissions.Deal(rep, "600000.00").won(day(year, 4, 2));
        other.pay("600000.00", day(year, 6, 30));
        JsonPath secondQuarter = awaitTotal(rep, q2, "15000.00");
        assertThat(secondQuarter.getString("lines[0].basis.amount")).isEqualTo("1000000.00");
        calculate(q2);
        close(q2);

        // Q3: 600,000 of the big deal + 700,000 of a third = 130% → 2%
        UUID second = big.pay("600000.00", day(year, 8, 20));
        Commissions.Deal third = new Commissions.Deal(rep, "700000.00").won(day(year, 7, 1));
        third.pay("700000.00", day(year, 9, 1));
        awaitTotal(rep, q3, "26000.00");
        calculate(q3);
        close(q3);

        // Q4: the big deal is refunded in full; what was paid on it (6,000.00 in Q2, 12,000.00 in Q3) comes back
        big.refund(first, "400000.00", day(year, 10, 20));
        big.refund(second, "600000.00", day(year, 10, 20));
        JsonPath fourthQuarter = awaitStatement(rep, q4, body -> body.getList("lines.component").stream()
                .filter("CLAWBACK"::equals).count() == 2);

        assertThat(fourthQuarter.getList("lines.component")).containsExactly("TIER", "GATE", "CLAWBACK", "CLAWBACK");
        assertThat(fourthQuarter.getList("lines.amount.amount")).containsExactlyInAnyOrder("0.00", "0.00", "-6000.00", "-12000.00");
        assertThat(fourthQuarter.getString("total.amount")).isEqualTo("-18000.00");
        assertThat(fourthQuarter.getList("lines.explanation", String.class)).filteredOn(text -> text.startsWith("takes back"))
                .allSatisfy(text -> assertThat(text).contains("refund on " + year + "-10-20"));
        assertThat(statement(rep, q2).getString("total.amount")).as("closed quarters never change").isEqualTo("15000.00");
        assertThat(statement(rep, q3).getString("total.amount")).isEqualTo("26000.00");
    }

    private static LocalDate day(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }
}
