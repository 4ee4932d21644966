package io.attain.incentive.domain.commission;

/** Calculation input that contradicts itself: two different credits under one id, a credit for nobody in the plan, and the like. */
public final class InvalidCommissionInputException extends CommissionException {

    public InvalidCommissionInputException(String message) {
        super(message);
    }
}
