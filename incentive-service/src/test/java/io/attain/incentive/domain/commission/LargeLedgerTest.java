package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.attain.incentive.domain.commission.SeedPlans.Q1;
import static io.attain.incentive.domain.commission.SeedPlans.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ledger large enough to be read and calculated side by side (tens of thousands of credits) gives what the
 * same credits give member by member, each small enough to be calculated on the calling thread.
 */
class LargeLedgerTest {

    private static final int MEMBERS = 40;
    private static final int CREDITS = 60_000;
    private static final PlanVersion PLAN = SeedPlans.seedPlan(RateMode.MARGINAL)
            .multiplier(Multiplier.productLine("B", "1.25"))
            .spiff(Spiff.percentage("b", "product B", LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28), DealCriteria.productLine("B"), "1"))
            .spiff(Spiff.fixed("new", "new logos", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31), new DealCriteria(null, null, true),
                    cny("50.00")))
            .build();

    @Test
    void aLargeLedgerGivesWhatEachMembersCreditsGiveAlone() {
        List<Credit> ledger = ledger(new Random(7));
        CommissionResult whole = CommissionEngine.calculate(input(ledger, null));

        assertThat(whole.statements()).hasSize(MEMBERS);
        for (CommissionStatement statement : whole.statements()) {
            List<Credit> own = ledger.stream().filter(credit -> credit.memberId().equals(statement.memberId())).toList();
            assertThat(own.size()).isLessThan(5_000);
            assertThat(CommissionEngine.calculate(input(own, statement.memberId())).statement(statement.memberId()))
                    .contains(statement);
        }
        List<Credit> shuffled = new ArrayList<>(ledger);
        Collections.shuffle(shuffled, new Random(11));
        assertThat(CommissionEngine.calculate(input(shuffled, null))).isEqualTo(whole);
    }

    @Test
    void ofTwoBadCreditsInALargeLedgerTheFirstIsReported() {
        List<Credit> ledger = new ArrayList<>(ledger(new Random(3)));
        ledger.set(41_000, SeedPlans.booked("stray-2", "rep-nobody-2", "10.00", LocalDate.of(2025, 2, 1)));
        ledger.set(52_123, SeedPlans.booked("stray-3", "rep-nobody-3", "10.00", LocalDate.of(2025, 2, 1)));
        ledger.set(30_000, SeedPlans.booked("stray-1", "rep-nobody-1", "10.00", LocalDate.of(2025, 2, 1)));

        for (int run = 0; run < 5; run++) {
            assertThatThrownBy(() -> CommissionEngine.calculate(input(ledger, null)))
                    .isInstanceOf(InvalidCommissionInputException.class)
                    .hasMessage("credit stray-1 is for member rep-nobody-1, who has neither a quota nor a team in this calculation");
        }
    }

    private static List<Credit> ledger(Random random) {
        List<Credit> ledger = new ArrayList<>(CREDITS);
        for (int i = 0; i < CREDITS; i++) {
            ledger.add(new Credit("c-" + i, "d-" + i, "rep-" + random.nextInt(MEMBERS), Money.of(BigDecimal.valueOf(100 + random.nextInt(5_000_000), 2), "CNY"),
                    random.nextInt(3) == 0 ? "B" : "A", null, random.nextInt(10) == 0, LocalDate.of(2025, 1, 1).plusDays(random.nextInt(100)), List.of()));
        }
        return ledger;
    }

    private static CommissionInput input(List<Credit> credits, String onlyMember) {
        CommissionInput.Builder builder = CommissionInput.builder(PLAN, Q1).credits(credits);
        for (int m = 0; m < MEMBERS; m++) {
            if (onlyMember == null || onlyMember.equals("rep-" + m)) {
                builder.quota("rep-" + m, cny("1000000.00"));
            }
        }
        return builder.build();
    }
}
