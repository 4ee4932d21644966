package io.attain.incentive.domain.commission;

/** A plan version that cannot be applied as written: tiers that overlap or go backwards, negative rates, and the like. */
public final class InvalidPlanException extends CommissionException {

    public InvalidPlanException(String message) {
        super(message);
    }
}
