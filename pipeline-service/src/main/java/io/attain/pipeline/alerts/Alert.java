package io.attain.pipeline.alerts;

import io.attain.events.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One alert about a deal or an account.
 *
 * @param subject           {@code deal} or {@code account}: what {@code id} names
 * @param stage             the deal's funnel stage; {@code null} for accounts
 * @param amount            the deal's amount; {@code null} for accounts
 * @param lastTouchedAt     the latest activity, stage change, contact or creation, whichever is latest
 * @param days              days since {@code lastTouchedAt} (stale deals, accounts) or since the expected close date
 *                          (deals past it), in whole days
 * @param thresholdDays     the days that make it an alert; {@code null} for deals past their close date
 */
public record Alert(AlertType type, String subject, UUID id, String name, String ownerId, String stage, Money amount,
                    LocalDate expectedCloseDate, Instant lastTouchedAt, long days, Integer thresholdDays) {
}
