package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.RandomScenarios.Scenario;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the engine over random plans and ledgers (see {@link RandomScenarios}); the seed reproduces a case. */
class CommissionPropertyTest {

    private static final List<CommissionPeriod> QUARTERS = List.of(
            CommissionPeriod.quarter(RandomScenarios.YEAR, 1), CommissionPeriod.quarter(RandomScenarios.YEAR, 2),
            CommissionPeriod.quarter(RandomScenarios.YEAR, 3), CommissionPeriod.quarter(RandomScenarios.YEAR, 4));
    private static final Set<CommissionComponent> ATTRIBUTED = EnumSet.of(CommissionComponent.TIER, CommissionComponent.MULTIPLIER,
            CommissionComponent.GATE, CommissionComponent.CAP, CommissionComponent.SPIFF, CommissionComponent.OVERRIDE);

    @Property(tries = 300)
    void everyTotalIsTheSumOfItsRoundedLinesAndEveryPartAddsUpExactly(@ForAll long seed) {
        Scenario scenario = RandomScenarios.scenario(seed);
        for (CommissionPeriod quarter : QUARTERS) {
            CommissionResult result = CommissionEngine.calculate(scenario.input(quarter, List.of()));

            Money pools = Money.zero("CNY");
            Money poolSize = null;
            for (CommissionStatement statement : result.statements()) {
                Money sum = Money.zero("CNY");
                Money attributedLines = Money.zero("CNY");
                for (CommissionLine line : statement.lines()) {
                    assertThat(line.amount().amount().scale()).isEqualTo(2);
                    sum = sum.plus(line.amount());
                    if (ATTRIBUTED.contains(line.component())) {
                        attributedLines = attributedLines.plus(line.amount());
                    }
                    if (line.component() == CommissionComponent.TEAM_POOL) {
                        pools = pools.plus(line.amount());
                        poolSize = line.basis();
                    }
                }
                assertThat(statement.total()).isEqualTo(sum);
                // without prior payouts, the credit commissions are exactly the commission lines, shared out
                Money attributed = statement.creditCommissions().stream().map(CreditCommission::amount).reduce(Money.zero("CNY"), Money::plus);
                assertThat(attributed).isEqualTo(attributedLines);
            }
            if (poolSize != null) {
                assertThat(pools).isEqualTo(poolSize);
            }
        }
    }

    @Property(tries = 200)
    void theOrderOfTheLedgerDoesNotMatter(@ForAll long seed, @ForAll long shuffleSeed) {
        Scenario scenario = RandomScenarios.scenario(seed);
        Random random = new Random(shuffleSeed);
        List<Credit> credits = new ArrayList<>(scenario.credits());
        List<CreditReversal> reversals = new ArrayList<>(scenario.reversals());
        Collections.shuffle(credits, random);
        Collections.shuffle(reversals, random);
        List<Team> teams = scenario.teams().stream().map(team -> {
            List<String> members = new ArrayList<>(team.memberIds());
            Collections.shuffle(members, random);
            return new Team(team.teamId(), team.target(), members, team.managerId());
        }).toList();
        Scenario shuffled = new Scenario(scenario.plan(), scenario.quotas(), teams, credits, reversals, scenario.rates());

        assertThat(year(shuffled)).isEqualTo(year(scenario));
    }

    @Property(tries = 200)
    void aRepeatedCreditOrReversalCountsOnce(@ForAll long seed) {
        Scenario scenario = RandomScenarios.scenario(seed);
        List<Credit> credits = new ArrayList<>(scenario.credits());
        credits.addAll(scenario.credits());
        List<CreditReversal> reversals = new ArrayList<>(scenario.reversals());
        reversals.addAll(scenario.reversals());
        Scenario repeated = new Scenario(scenario.plan(), scenario.quotas(), scenario.teams(), credits, reversals, scenario.rates());

        assertThat(year(repeated)).isEqualTo(year(scenario));
    }

    /**
     * A year calculated quarter by quarter, each quarter paid out before the next; replaying it gives the
     * same statements to the cent, and any closed quarter recalculated from the final ledger is what was paid.
     */
    @Property(tries = 200)
    void replayReproducesEveryStatement(@ForAll long seed) {
        Scenario scenario = RandomScenarios.scenario(seed);
        List<CommissionResult> year = year(scenario);

        assertThat(year(scenario)).isEqualTo(year);
        List<PriorPayout> paidBefore = new ArrayList<>();
        for (int q = 0; q < QUARTERS.size(); q++) {
            assertThat(CommissionEngine.calculate(scenario.input(QUARTERS.get(q), paidBefore))).isEqualTo(year.get(q));
            paidBefore.addAll(payouts(year.get(q)));
        }
    }

    /** After a reversal's quarter, nothing remains paid on the reversed credit (payment), to anyone. */
    @Property(tries = 300)
    void aClawbackTakesBackExactlyWhatWasPaid(@ForAll long seed) {
        Scenario scenario = RandomScenarios.scenario(seed);
        Map<String, Long> paidOnCredit = new HashMap<>();
        Map<String, Long> paidOnPayment = new HashMap<>();
        for (CommissionResult quarter : year(scenario)) {
            for (CommissionStatement statement : quarter.statements()) {
                for (CreditCommission paid : statement.creditCommissions()) {
                    long cents = paid.amount().amount().movePointRight(2).longValueExact();
                    paidOnCredit.merge(paid.creditId() + "@" + paid.memberId(), cents, Long::sum);
                    paidOnPayment.merge(paid.creditId() + "/" + paid.paymentId() + "@" + paid.memberId(), cents, Long::sum);
                }
            }
        }
        for (CreditReversal reversal : scenario.reversals()) {
            if (reversal.reversedOn().getYear() != RandomScenarios.YEAR) {
                continue;
            }
            for (String member : members(scenario)) {
                if (reversal.paymentId() == null) {
                    assertThat(paidOnCredit.getOrDefault(reversal.creditId() + "@" + member, 0L)).as("paid on %s to %s", reversal.creditId(), member)
                            .isZero();
                } else {
                    assertThat(paidOnPayment.getOrDefault(reversal.creditId() + "/" + reversal.paymentId() + "@" + member, 0L))
                            .as("paid on %s/%s to %s", reversal.creditId(), reversal.paymentId(), member).isZero();
                }
            }
        }
    }

    @Property(tries = 100)
    void aYearToDateWindowPaysExactlyEarnedToDateMinusAlreadyPaid(@ForAll long seed) {
        Scenario scenario = RandomScenarios.scenario(seed);
        List<PriorPayout> paid = new ArrayList<>();
        for (int q = 0; q < QUARTERS.size(); q++) {
            CommissionPeriod toDate = new CommissionPeriod("YTD-Q" + (q + 1), QUARTERS.getFirst().start(), QUARTERS.get(q).end());
            CommissionResult result = CommissionEngine.calculate(scenario.input(toDate, paid));
            for (CommissionStatement statement : result.statements()) {
                Money earned = Money.zero("CNY");
                for (CommissionLine line : statement.lines()) {
                    if (line.component() != CommissionComponent.TRUE_UP && line.component() != CommissionComponent.CLAWBACK) {
                        earned = earned.plus(line.amount());
                    }
                }
                Money alreadyPaid = paid.stream().filter(payout -> payout.memberId().equals(statement.memberId()))
                        .map(PriorPayout::amount).reduce(Money.zero("CNY"), Money::plus);
                assertThat(statement.total()).isEqualTo(earned.minus(alreadyPaid));
            }
            paid.addAll(payouts(result));
            // paying what a window says leaves nothing due when it is recalculated
            CommissionResult again = CommissionEngine.calculate(scenario.input(toDate, paid));
            again.statements().forEach(statement -> assertThat(statement.total()).isEqualTo(Money.zero("CNY")));
        }
    }

    private static List<CommissionResult> year(Scenario scenario) {
        List<CommissionResult> year = new ArrayList<>();
        List<PriorPayout> paid = new ArrayList<>();
        for (CommissionPeriod quarter : QUARTERS) {
            CommissionResult result = CommissionEngine.calculate(scenario.input(quarter, paid));
            year.add(result);
            paid.addAll(payouts(result));
        }
        return year;
    }

    private static List<PriorPayout> payouts(CommissionResult result) {
        return result.statements().stream()
                .map(statement -> PriorPayout.of(result.period().label() + "/" + statement.memberId(), statement)).toList();
    }

    private static List<String> members(Scenario scenario) {
        List<String> members = new ArrayList<>(scenario.quotas().keySet());
        members.add(RandomScenarios.MANAGER);
        return members;
    }
}
