package io.attain.incentive.domain.commission;

/**
 * The commission engine refuses its input: a plan that cannot be applied, input that contradicts itself, or
 * an amount that cannot be brought into the plan currency. The message says exactly what is wrong, so that
 * an API can hand it to the caller as the detail of a 4xx problem.
 */
public abstract sealed class CommissionException extends IllegalArgumentException
        permits InvalidPlanException, InvalidCommissionInputException, MissingExchangeRateException {

    protected CommissionException(String message) {
        super(message);
    }
}
