package io.attain.targets.service;

import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.Target;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The checks every target value goes through (plans, targets, adjustments), and the events built from targets. */
final class TargetValues {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TargetValues() {
    }

    /** A positive amount with no more decimals than its currency allows. */
    static BigDecimal checkedValue(Money value, String field) {
        if (value == null) {
            throw ProblemException.invalidField(field, "a money target needs a value with amount and currency");
        }
        if (value.amount().signum() <= 0) {
            throw ProblemException.invalidField(field + ".amount", "must be greater than zero");
        }
        if (value.amount().stripTrailingZeros().scale() > Money.minorUnits(value.currency())) {
            throw ProblemException.invalidField(field + ".amount",
                    "has more decimals than " + value.currency() + " allows (" + Money.minorUnits(value.currency()) + ")");
        }
        if (value.amount().compareTo(MAX_AMOUNT) >= 0) {
            throw ProblemException.invalidField(field + ".amount", "is implausibly large");
        }
        return value.amount();
    }

    /** A positive quantity: whole for counts, at most 100 for a rate in percent. */
    static BigDecimal checkedQuantity(Metric metric, BigDecimal quantity, String field) {
        if (quantity == null) {
            throw ProblemException.invalidField(field, "a " + metric + " target needs a quantity");
        }
        if (quantity.signum() <= 0) {
            throw ProblemException.invalidField(field, "must be greater than zero");
        }
        if (metric.isCount() && quantity.stripTrailingZeros().scale() > 0) {
            throw ProblemException.invalidField(field, metric + " is counted in whole units, not " + quantity.toPlainString());
        }
        if (metric.isRate() && quantity.compareTo(HUNDRED) > 0) {
            throw ProblemException.invalidField(field, "a rate in percent cannot exceed 100");
        }
        if (quantity.compareTo(MAX_AMOUNT) >= 0 || quantity.stripTrailingZeros().scale() > 4) {
            throw ProblemException.invalidField(field, "must be below " + MAX_AMOUNT.toPlainString() + " with at most 4 decimals");
        }
        return quantity;
    }

    /** A figure to compare a target with (history, pipeline): same unit as the metric, zero allowed. */
    static BigDecimal checkedComparison(Metric metric, String currency, Money value, BigDecimal quantity, String field) {
        if (metric.isMoney()) {
            if (quantity != null) {
                throw ProblemException.invalidField(field + "Quantity", metric + " is money: give " + field + " as a value");
            }
            if (value == null) {
                return null;
            }
            if (!value.currency().equals(currency)) {
                String detail = "is in " + value.currency() + " but the target is in " + currency;
                throw new ProblemException(422, "unit-mismatch", "Unit mismatch", field + ".currency: " + detail,
                        List.of(new Problem.FieldError(field + ".currency", detail)));
            }
            if (value.amount().signum() < 0 || value.amount().compareTo(MAX_AMOUNT) >= 0) {
                throw ProblemException.invalidField(field + ".amount", "must be zero or more and plausible");
            }
            return value.amount();
        }
        if (value != null) {
            throw ProblemException.invalidField(field, metric + " is not money: give " + field + "Quantity");
        }
        if (quantity != null && (quantity.signum() < 0 || quantity.compareTo(MAX_AMOUNT) >= 0)) {
            throw ProblemException.invalidField(field + "Quantity", "must be zero or more and plausible");
        }
        return quantity;
    }

    /** The event data of a target as it stands, with the previous value and reason for an adjustment. */
    static TargetEvent event(Target target, BigDecimal previous, String reason, String actor, Instant occurredAt) {
        boolean money = target.metric.isMoney();
        Money previousValue = money && previous != null ? Money.of(previous, target.currency) : null;
        BigDecimal previousQuantity = !money && previous != null ? previous.stripTrailingZeros() : null;
        return new TargetEvent(target.id, target.version, target.planId, target.metric.name(), target.periodStart,
                target.periodEnd, new TargetEvent.TargetScope(target.orgUnitId, target.memberId, target.dimensions),
                target.value(), target.quantity == null ? null : target.quantity.stripTrailingZeros(),
                previousValue, previousQuantity, reason, actor, occurredAt);
    }
}
