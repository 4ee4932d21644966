package io.attain.incentive.whatif;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * "What do I earn if this deal closes at this amount in this period?"
 *
 * @param dealAmount  the deal's amount; in any currency the plan has an exchange rate for
 * @param periodId    the commission period the deal would count in; or give {@code closeDate}
 * @param closeDate   the day the deal would be won; names the period when {@code periodId} is absent, and must lie
 *                    in it when both are given. Without it the deal counts today if today is in the period, else on
 *                    the period's first day
 * @param productLine the deal's product line, for multipliers and SPIFFs; {@code null} for none
 * @param channel     the deal's channel, for multipliers and SPIFFs; {@code null} for none
 * @param newCustomer whether the deal is with a new customer; {@code null} means no
 */
public record WhatIfRequest(@NotNull @Valid DealAmount dealAmount, UUID periodId, LocalDate closeDate,
                            @Size(max = 255) String productLine, @Size(max = 255) String channel, Boolean newCustomer) {

    /**
     * An amount as the client states it. The currency is checked by the estimator rather than on reading, so that an
     * unknown currency is told apart (422) from a malformed request (400).
     */
    public record DealAmount(@NotNull @Positive BigDecimal amount, @NotNull @Size(min = 1, max = 10) String currency) {
    }
}
