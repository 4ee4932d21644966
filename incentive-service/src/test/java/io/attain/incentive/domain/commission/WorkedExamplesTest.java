package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static io.attain.incentive.domain.commission.SeedPlans.MONTH_OF_BASE_PAY;
import static io.attain.incentive.domain.commission.SeedPlans.Q1;
import static io.attain.incentive.domain.commission.SeedPlans.Q2;
import static io.attain.incentive.domain.commission.SeedPlans.Q3;
import static io.attain.incentive.domain.commission.SeedPlans.Q4;
import static io.attain.incentive.domain.commission.SeedPlans.QUARTERLY_QUOTA;
import static io.attain.incentive.domain.commission.SeedPlans.TEAM_TARGET;
import static io.attain.incentive.domain.commission.SeedPlans.booked;
import static io.attain.incentive.domain.commission.SeedPlans.cny;
import static io.attain.incentive.domain.commission.SeedPlans.day;
import static io.attain.incentive.domain.commission.SeedPlans.seedPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The worked examples of issue 5 and seed 003: quarterly quota 1,000,000 CNY; tiers 80% → 1%, 100% → 1.5%,
 * 120% → 2%; gate at 80%.
 */
class WorkedExamplesTest {

    private static final String REP = "rep-li";

    @ParameterizedTest(name = "RETROACTIVE: {0} CNY credited pays {1} CNY")
    @CsvSource({
            "850000.00,  8500.00",
            "1100000.00, 16500.00",
            "1250000.00, 25000.00",
            "790000.00,  0.00",
    })
    void retroactiveTiersPayTheWholeCreditAtTheRateOfTheTierReached(String credited, String commission) {
        CommissionStatement statement = quarterOf(seedPlan(RateMode.RETROACTIVE).build(), credited);

        assertThat(statement.total()).isEqualTo(cny(commission));
    }

    @Test
    void retroactiveLineExplainsTheTierReached() {
        CommissionStatement statement = quarterOf(seedPlan(RateMode.RETROACTIVE).build(), "1100000.00");

        assertThat(statement.lines()).singleElement().satisfies(line -> {
            assertThat(line.component()).isEqualTo(CommissionComponent.TIER);
            assertThat(line.basis()).isEqualTo(cny("1100000.00"));
            assertThat(line.ratePercent()).isEqualByComparingTo("1.5");
            assertThat(line.attainmentPercent()).isEqualByComparingTo("110.00");
            assertThat(line.amount()).isEqualTo(cny("16500.00"));
            assertThat(line.explanation()).isEqualTo("1.5% on 1,100,000.00 CNY because attainment 110.00% reached the 100% tier");
        });
        assertThat(statement.attainmentPercent()).isEqualByComparingTo("110.00");
    }

    @Test
    void belowTheGateNothingIsPaidAndTheStatementSaysWhy() {
        CommissionStatement statement = quarterOf(seedPlan(RateMode.RETROACTIVE).build(), "790000.00");

        assertThat(statement.lines()).extracting(CommissionLine::component, CommissionLine::amount, CommissionLine::explanation)
                .containsExactly(
                        tuple(CommissionComponent.TIER, cny("0.00"),
                                "no commission: attainment 79.00% is below the lowest tier (80%)"),
                        tuple(CommissionComponent.GATE, cny("0.00"),
                                "no commission below the 80% gate: attainment 79.00%"));
    }

    @Test
    void marginalTiersPayEachSliceOfCreditAtItsOwnRate() {
        CommissionStatement statement = quarterOf(seedPlan(RateMode.MARGINAL).build(), "1100000.00");

        // (1,000,000 − 800,000) × 1% + 100,000 × 1.5% = 3,500.00
        assertThat(statement.total()).isEqualTo(cny("3500.00"));
        assertThat(statement.lines()).extracting(CommissionLine::amount, CommissionLine::explanation).containsExactly(
                tuple(cny("2000.00"),
                        "1% on 200,000.00 CNY, the credit from 80% to 100% of quota (attainment 110.00%)"),
                tuple(cny("1500.00"),
                        "1.5% on 100,000.00 CNY, the credit above 100% of quota (attainment 110.00%)"));
    }

    @Test
    void aTeamReachingItsTargetPaysEachMemberTheFixedBonusAndSharesTheExcessPoolExactly() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).teamBonus(new TeamBonus(MONTH_OF_BASE_PAY, new BigDecimal("10"))).build();
        CommissionInput input = CommissionInput.builder(plan, Q1)
                .quota("rep-a", QUARTERLY_QUOTA).quota("rep-b", QUARTERLY_QUOTA).quota("rep-c", QUARTERLY_QUOTA)
                .team(new Team("east", TEAM_TARGET, List.of("rep-a", "rep-b", "rep-c"), null))
                .credit(booked("a-1", "rep-a", "1500000.00", day("2025-02-10")))
                .credit(booked("b-1", "rep-b", "1100000.00", day("2025-03-03")))
                .credit(booked("c-1", "rep-c", "700000.00", day("2025-01-20")))
                .build();

        CommissionResult result = CommissionEngine.calculate(input);

        for (String member : List.of("rep-a", "rep-b", "rep-c")) {
            assertThat(result.statement(member).orElseThrow().total(CommissionComponent.TEAM_BONUS)).isEqualTo(MONTH_OF_BASE_PAY);
        }
        // 10% of the 300,000 excess = 30,000.00, by share of the 3,300,000 team credit:
        // 13,636.3636… → 13,636.36; 10,000.00; 6,363.6363… → 6,363.64 (largest remainder takes the last cent)
        assertThat(result.statement("rep-a").orElseThrow().total(CommissionComponent.TEAM_POOL)).isEqualTo(cny("13636.36"));
        assertThat(result.statement("rep-b").orElseThrow().total(CommissionComponent.TEAM_POOL)).isEqualTo(cny("10000.00"));
        assertThat(result.statement("rep-c").orElseThrow().total(CommissionComponent.TEAM_POOL)).isEqualTo(cny("6363.64"));
        assertThat(result.statements().stream().map(statement -> statement.total(CommissionComponent.TEAM_POOL))
                .reduce(Money.zero("CNY"), Money::plus)).isEqualTo(cny("30000.00"));
        assertThat(result.statement("rep-a").orElseThrow().lines(CommissionComponent.TEAM_POOL).getFirst().explanation())
                .isEqualTo("share 45.45% of team east's credit (1,500,000.00 CNY of 3,300,000.00 CNY) in the 30,000.00 CNY pool, "
                        + "10% of the 300,000.00 CNY above target");
        assertThat(result.statement("rep-a").orElseThrow().lines(CommissionComponent.TEAM_BONUS).getFirst().explanation())
                .isEqualTo("team east reached 110.00% of its 3,000,000.00 CNY target (credited 3,300,000.00 CNY): fixed team bonus");
    }

    /**
     * A 1,000,000 deal won in Q1 and paid 40% in Q2 and 60% in Q3 pays on each payment at that quarter's rate;
     * a refund in Q4, after both payouts, claws back exactly what was paid on it.
     */
    @Test
    void collectedBasisPaysOnEachPaymentAtItsQuarterRateAndARefundClawsBackExactlyWhatWasPaid() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).basis(CommissionBasis.COLLECTED).build();
        Credit bigDeal = booked("big", REP, "1000000.00", day("2025-03-20")).withPayments(List.of(
                new Payment("big-1", day("2025-05-15"), cny("400000.00")),
                new Payment("big-2", day("2025-08-20"), cny("600000.00"))));
        Credit q2Other = booked("other-q2", REP, "600000.00", day("2025-04-02"))
                .withPayments(List.of(new Payment("other-q2-1", day("2025-06-30"), cny("600000.00"))));
        Credit q3Other = booked("other-q3", REP, "700000.00", day("2025-07-01"))
                .withPayments(List.of(new Payment("other-q3-1", day("2025-09-01"), cny("700000.00"))));
        List<Credit> ledger = List.of(bigDeal, q2Other, q3Other);

        CommissionStatement q1 = calculate(plan, Q1, ledger, List.of(), List.of());
        assertThat(q1.total()).isEqualTo(cny("0.00"));

        // Q2: 400,000 + 600,000 collected = 100% → 1.5%; the big deal's payment earned 6,000.00
        CommissionStatement q2 = calculate(plan, Q2, ledger, List.of(), List.of());
        assertThat(q2.total()).isEqualTo(cny("15000.00"));
        assertThat(paidOn(q2, "big")).isEqualTo(cny("6000.00"));

        // Q3: 600,000 + 700,000 collected = 130% → 2%; the big deal's payment earned 12,000.00
        CommissionStatement q3 = calculate(plan, Q3, ledger, List.of(), List.of());
        assertThat(q3.total()).isEqualTo(cny("26000.00"));
        assertThat(paidOn(q3, "big")).isEqualTo(cny("12000.00"));

        List<PriorPayout> paid = List.of(PriorPayout.of("pay-q2", q2), PriorPayout.of("pay-q3", q3));
        CreditReversal refund = CreditReversal.ofCredit("big", day("2025-10-20"), "refund");
        CommissionStatement q4 = calculate(plan, Q4, ledger, List.of(refund), paid);

        assertThat(q4.lines(CommissionComponent.CLAWBACK)).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(cny("-18000.00"));
            assertThat(line.explanation()).isEqualTo(
                    "takes back the 18,000.00 CNY paid on credit big (deal deal-big) for 2025-Q2, 2025-Q3: refund on 2025-10-20");
        });
        assertThat(q4.total()).isEqualTo(cny("-18000.00"));
        assertThat(paidOn(q4, "big")).isEqualTo(cny("-18000.00"));

        // The refund lands in Q4 only: the closed quarters recalculate exactly as they were paid.
        assertThat(calculate(plan, Q2, ledger, List.of(refund), List.of())).isEqualTo(q2);
        assertThat(calculate(plan, Q3, ledger, List.of(refund), List.of())).isEqualTo(q3);
    }

    private static CommissionStatement quarterOf(PlanVersion plan, String credited) {
        return calculate(plan, Q1, List.of(booked("c-1", REP, credited, day("2025-02-14"))), List.of(), List.of());
    }

    private static CommissionStatement calculate(PlanVersion plan, CommissionPeriod period, List<Credit> credits,
                                                 List<CreditReversal> reversals, List<PriorPayout> payouts) {
        CommissionInput input = CommissionInput.builder(plan, period).quota(REP, QUARTERLY_QUOTA).credits(credits)
                .reversals(reversals).priorPayouts(payouts).build();
        return CommissionEngine.calculate(input).statement(REP).orElseThrow();
    }

    private static Money paidOn(CommissionStatement statement, String creditId) {
        return statement.creditCommissions().stream().filter(paid -> paid.creditId().equals(creditId))
                .map(CreditCommission::amount).reduce(Money.zero("CNY"), Money::plus);
    }
}
