package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.attain.incentive.domain.commission.SeedPlans.Q1;
import static io.attain.incentive.domain.commission.SeedPlans.Q2;
import static io.attain.incentive.domain.commission.SeedPlans.QUARTERLY_QUOTA;
import static io.attain.incentive.domain.commission.SeedPlans.booked;
import static io.attain.incentive.domain.commission.SeedPlans.cny;
import static io.attain.incentive.domain.commission.SeedPlans.day;
import static io.attain.incentive.domain.commission.SeedPlans.seedPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Reversals after payout (clawbacks) and year-to-date windows (true-up: earned to date minus already paid). */
class ClawbackAndTrueUpTest {

    private static final String REP = "rep-chen";
    private static final PlanVersion PLAN = seedPlan(RateMode.RETROACTIVE).build();
    private static final CommissionPeriod H1 = new CommissionPeriod("2025-H1", day("2025-01-01"), day("2025-06-30"));
    private static final LocalDate LOST_ON = day("2025-04-10");

    private static final Credit JAN_BIG = booked("d1", REP, "900000.00", day("2025-01-20"));
    private static final Credit FEB_SMALL = booked("d2", REP, "300000.00", day("2025-02-14"));
    private static final Credit MAY = booked("d3", REP, "850000.00", day("2025-05-06"));

    private static CommissionStatement calculate(CommissionPeriod window, Money quota, List<Credit> credits,
                                                 List<CreditReversal> reversals, List<PriorPayout> payouts) {
        return CommissionEngine.calculate(CommissionInput.builder(PLAN, window).quota(REP, quota).credits(credits)
                .reversals(reversals).priorPayouts(payouts).build()).statement(REP).orElseThrow();
    }

    @Test
    void aDealLostAfterPayoutClawsBackExactlyWhatWasPaidOnItInTheOpenQuarter() {
        List<Credit> ledger = List.of(JAN_BIG, FEB_SMALL, MAY);
        // Q1: 1,200,000 → 120% → 2%: 24,000.00, of which 6,000.00 on d2
        CommissionStatement q1 = calculate(Q1, QUARTERLY_QUOTA, ledger, List.of(), List.of());
        assertThat(q1.total()).isEqualTo(cny("24000.00"));
        assertThat(q1.creditCommissions()).extracting(CreditCommission::creditId, CreditCommission::amount)
                .containsExactlyInAnyOrder(tuple("d1", cny("18000.00")), tuple("d2", cny("6000.00")));

        CreditReversal lost = CreditReversal.ofCredit("d2", LOST_ON, "deal lost");
        CommissionStatement q2 = calculate(Q2, QUARTERLY_QUOTA, ledger, List.of(lost), List.of(PriorPayout.of("pay-q1", q1)));

        assertThat(q2.lines()).extracting(CommissionLine::component, CommissionLine::amount).containsExactly(
                tuple(CommissionComponent.TIER, cny("8500.00")),
                tuple(CommissionComponent.CLAWBACK, cny("-6000.00")));
        assertThat(q2.lines(CommissionComponent.CLAWBACK).getFirst().explanation())
                .isEqualTo("takes back the 6,000.00 CNY paid on credit d2 (deal deal-d2) for 2025-Q1: deal lost on 2025-04-10");
        assertThat(q2.total()).isEqualTo(cny("2500.00"));
        assertThat(q2.creditCommissions()).extracting(CreditCommission::creditId, CreditCommission::amount)
                .containsExactlyInAnyOrder(tuple("d3", cny("8500.00")), tuple("d2", cny("-6000.00")));

        // Q1 is closed: recalculated from the full ledger, reversal included, it is what was paid.
        assertThat(calculate(Q1, QUARTERLY_QUOTA, ledger, List.of(lost), List.of())).isEqualTo(q1);
    }

    @Test
    void recalculatingAPaidWindowPaysNothingMore() {
        List<Credit> ledger = List.of(JAN_BIG, FEB_SMALL, MAY);
        CreditReversal lost = CreditReversal.ofCredit("d2", LOST_ON, "deal lost");
        PriorPayout q1 = PriorPayout.of("pay-q1", calculate(Q1, QUARTERLY_QUOTA, ledger, List.of(), List.of()));
        CommissionStatement q2 = calculate(Q2, QUARTERLY_QUOTA, ledger, List.of(lost), List.of(q1));

        CommissionStatement again = calculate(Q2, QUARTERLY_QUOTA, ledger, List.of(lost), List.of(q1, PriorPayout.of("pay-q2", q2)));

        assertThat(again.lines(CommissionComponent.CLAWBACK)).isEmpty();
        // the Q2 payout paid 2,500.00: 8,500.00 of commission net of the 6,000.00 it clawed back
        assertThat(again.lines(CommissionComponent.TRUE_UP)).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(cny("-8500.00"));
            assertThat(line.explanation()).isEqualTo(
                    "earned to date less already paid: 2,500.00 CNY paid for 2025-Q2 within 2025-Q2, net of 6,000.00 CNY clawed back in those payouts");
        });
        assertThat(again.total()).isEqualTo(cny("0.00"));
    }

    @Test
    void aReversalBeforeAnyPayoutOnlyStopsTheCreditCounting() {
        CommissionStatement q1 = calculate(Q1, QUARTERLY_QUOTA, List.of(JAN_BIG, FEB_SMALL),
                List.of(CreditReversal.ofCredit("d2", day("2025-03-01"), "reopened")), List.of());

        assertThat(q1.lines(CommissionComponent.CLAWBACK)).isEmpty();
        assertThat(q1.total()).isEqualTo(cny("9000.00"));
    }

    @Test
    void theManagersOverrideOnAReversedCreditIsClawedBackToo() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).managerOverride(new ManagerOverride(new BigDecimal("2"))).build();
        Team team = new Team("east", cny("3000000.00"), List.of(REP), "mgr-zhao");
        List<Credit> ledger = List.of(JAN_BIG, FEB_SMALL);
        CommissionResult q1 = CommissionEngine.calculate(CommissionInput.builder(plan, Q1).quota(REP, QUARTERLY_QUOTA).team(team)
                .credits(ledger).build());
        List<PriorPayout> paid = q1.statements().stream().map(statement -> PriorPayout.of("q1-" + statement.memberId(), statement)).toList();

        CommissionResult q2 = CommissionEngine.calculate(CommissionInput.builder(plan, Q2).quota(REP, QUARTERLY_QUOTA).team(team)
                .credits(ledger).reversal(CreditReversal.ofCredit("d2", LOST_ON, "refund")).priorPayouts(paid).build());

        // the override was 2% of 24,000.00 = 480.00, 120.00 of it on d2 (2% of its 6,000.00)
        assertThat(q2.statement("mgr-zhao").orElseThrow().lines(CommissionComponent.CLAWBACK)).singleElement()
                .satisfies(line -> assertThat(line.amount()).isEqualTo(cny("-120.00")));
        assertThat(q2.statement(REP).orElseThrow().total(CommissionComponent.CLAWBACK)).isEqualTo(cny("-6000.00"));
    }

    @Test
    void aPartialRefundClawsBackWhatWasPaidOnThatPaymentOnly() {
        PlanVersion collected = seedPlan(RateMode.RETROACTIVE).basis(CommissionBasis.COLLECTED).build();
        Credit deal = booked("d1", REP, "1000000.00", day("2025-01-05")).withPayments(List.of(
                new Payment("p1", day("2025-02-01"), cny("500000.00")),
                new Payment("p2", day("2025-03-01"), cny("500000.00"))));
        CommissionStatement q1 = CommissionEngine.calculate(CommissionInput.builder(collected, Q1).quota(REP, QUARTERLY_QUOTA)
                .credit(deal).build()).statement(REP).orElseThrow();
        assertThat(q1.creditCommissions()).extracting(CreditCommission::paymentId, CreditCommission::amount)
                .containsExactlyInAnyOrder(tuple("p1", cny("7500.00")), tuple("p2", cny("7500.00")));

        CommissionStatement q2 = CommissionEngine.calculate(CommissionInput.builder(collected, Q2).quota(REP, QUARTERLY_QUOTA)
                .credit(deal).reversal(CreditReversal.ofPayment("d1", "p2", day("2025-04-02"), "refund"))
                .priorPayout(PriorPayout.of("pay-q1", q1)).build()).statement(REP).orElseThrow();

        assertThat(q2.lines(CommissionComponent.CLAWBACK)).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(cny("-7500.00"));
            assertThat(line.explanation()).isEqualTo("takes back the 7,500.00 CNY paid on payment p2 of credit d1 (deal deal-d1) for 2025-Q1: refund on 2025-04-02");
        });
    }

    @Test
    void aYearToDateWindowPaysEarnedToDateMinusAlreadyPaid() {
        List<Credit> ledger = List.of(booked("q1", REP, "850000.00", day("2025-02-01")), booked("q2", REP, "1350000.00", day("2025-05-01")));
        CommissionStatement q1 = calculate(Q1, QUARTERLY_QUOTA, ledger, List.of(), List.of());
        assertThat(q1.total()).isEqualTo(cny("8500.00"));

        // H1: 2,200,000 of 2,000,000 → 110% → 1.5% on the whole half year: 33,000.00 earned to date, 8,500.00 paid
        CommissionStatement h1 = calculate(H1, cny("2000000.00"), ledger, List.of(), List.of(PriorPayout.of("pay-q1", q1)));

        assertThat(h1.lines()).extracting(CommissionLine::component, CommissionLine::amount).containsExactly(
                tuple(CommissionComponent.TIER, cny("33000.00")),
                tuple(CommissionComponent.TRUE_UP, cny("-8500.00")));
        assertThat(h1.lines(CommissionComponent.TRUE_UP).getFirst().explanation())
                .isEqualTo("earned to date less already paid: 8,500.00 CNY paid for 2025-Q1 within 2025-H1");
        assertThat(h1.total()).isEqualTo(cny("24500.00"));
        // what is paid on q1 stays 8,500 × 1.5 / 1 = 12,750.00 in all: 8,500.00 then 4,250.00
        assertThat(h1.creditCommissions()).extracting(CreditCommission::creditId, CreditCommission::amount)
                .containsExactlyInAnyOrder(tuple("q1", cny("4250.00")), tuple("q2", cny("20250.00")));
    }

    @Test
    void aReversalInsideAYearToDateWindowIsClawedBackOnceAndTheTrueUpCoversTheRest() {
        List<Credit> ledger = List.of(booked("a", REP, "500000.00", day("2025-01-10")), booked("b", REP, "350000.00", day("2025-02-10")),
                booked("c", REP, "1350000.00", day("2025-05-10")));
        CommissionStatement q1 = calculate(Q1, QUARTERLY_QUOTA, ledger, List.of(), List.of());
        assertThat(q1.total()).isEqualTo(cny("8500.00"));

        CommissionStatement h1 = calculate(H1, cny("2000000.00"), ledger, List.of(CreditReversal.ofCredit("b", day("2025-05-05"), "refund")),
                List.of(PriorPayout.of("pay-q1", q1)));

        // without b: 1,850,000 → 92.5% → 1%: 18,500.00 earned to date; b's 3,500.00 clawed back, the other 5,000.00 trued up
        assertThat(h1.lines()).extracting(CommissionLine::component, CommissionLine::amount).containsExactly(
                tuple(CommissionComponent.TIER, cny("18500.00")),
                tuple(CommissionComponent.CLAWBACK, cny("-3500.00")),
                tuple(CommissionComponent.TRUE_UP, cny("-5000.00")));
        assertThat(h1.lines(CommissionComponent.TRUE_UP).getFirst().explanation()).isEqualTo(
                "earned to date less already paid: 8,500.00 CNY paid for 2025-Q1 within 2025-H1, of which 3,500.00 CNY is clawed back above");
        assertThat(h1.total()).isEqualTo(cny("10000.00"));
    }

    @Test
    void aPayoutOverlappingTheWindowWithoutLyingInsideItIsRefused() {
        CommissionPeriod febToApr = new CommissionPeriod("odd", day("2025-02-01"), day("2025-04-30"));
        PriorPayout odd = new PriorPayout("pay-odd", REP, febToApr, cny("100.00"), List.of());

        assertThatThrownBy(() -> calculate(Q1, QUARTERLY_QUOTA, List.of(), List.of(), List.of(odd)))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("prior payout pay-odd covers odd (2025-02-01 to 2025-04-30), which overlaps the window "
                        + "2025-Q1 (2025-01-01 to 2025-03-31) without lying inside it");
    }

    @Test
    void aCreditReversedTwiceDifferentlyIsRefused() {
        assertThatThrownBy(() -> calculate(Q2, QUARTERLY_QUOTA, List.of(JAN_BIG), List.of(
                CreditReversal.ofCredit("d1", day("2025-04-01"), "lost"), CreditReversal.ofCredit("d1", day("2025-05-01"), "refund")), List.of()))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("credit d1 is reversed twice: on 2025-04-01 (lost) and on 2025-05-01 (refund)");
    }
}
