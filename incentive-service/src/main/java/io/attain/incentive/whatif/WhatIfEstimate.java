package io.attain.incentive.whatif;

import io.attain.events.Money;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.commission.CommissionLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A member's commission for a period as the ledger stands ({@code without}) and with one more deal ({@code with}).
 *
 * @param countsOn the day the hypothetical deal is booked (and, on the collected basis, paid in full)
 * @param note     why the deal changes nothing, when that is so for a reason the lines do not show; otherwise {@code null}
 */
public record WhatIfEstimate(String memberId, Period period, String planName, UUID planId, int planVersion,
                             String currency, LocalDate countsOn, Money dealAmount, Money quota, Scenario without,
                             Scenario with, Money difference, String note) {

    /** One calculation: attainment, the lines and their total. */
    public record Scenario(BigDecimal attainmentPercent, List<CommissionLine> lines, Money total) {
    }
}
