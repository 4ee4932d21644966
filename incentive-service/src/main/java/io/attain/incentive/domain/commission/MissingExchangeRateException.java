package io.attain.incentive.domain.commission;

import java.time.LocalDate;

/** An amount in another currency than the plan's, with no conversion rate in effect on the day it counts. */
public final class MissingExchangeRateException extends CommissionException {

    private final String from;
    private final String to;
    private final LocalDate on;

    public MissingExchangeRateException(String from, String to, LocalDate on, String detail) {
        super("no " + from + "→" + to + " exchange rate in effect on " + on + (detail == null ? "" : " (" + detail + ")"));
        this.from = from;
        this.to = to;
        this.on = on;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public LocalDate on() {
        return on;
    }
}
