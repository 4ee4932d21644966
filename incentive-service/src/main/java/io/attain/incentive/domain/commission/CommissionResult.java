package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.util.List;
import java.util.Optional;

/** The statements of one calculation, ordered by member id. */
public record CommissionResult(PlanVersion plan, CommissionPeriod period, List<CommissionStatement> statements) {

    public CommissionResult {
        statements = List.copyOf(statements);
    }

    public Optional<CommissionStatement> statement(String memberId) {
        return statements.stream().filter(statement -> statement.memberId().equals(memberId)).findFirst();
    }

    /** All lines of all statements, member by member. */
    public List<CommissionLine> lines() {
        return statements.stream().flatMap(statement -> statement.lines().stream()).toList();
    }

    /** The sum of all statement totals. */
    public Money total() {
        Money sum = Money.zero(plan.currency());
        for (CommissionStatement statement : statements) {
            sum = sum.plus(statement.total());
        }
        return sum;
    }
}
