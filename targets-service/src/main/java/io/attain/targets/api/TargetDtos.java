package io.attain.targets.api;

import io.attain.events.Money;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.Target;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Request and response bodies of {@link TargetResource}. */
public final class TargetDtos {

    /**
     * @param value    the target for money metrics (revenue, gross profit, collections)
     * @param quantity the target for count and rate metrics
     */
    public record CreateTarget(
            @NotNull Metric metric,
            @NotNull LocalDate periodStart,
            @NotNull LocalDate periodEnd,
            @NotNull UUID orgUnitId,
            @Size(max = 100) String memberId,
            @Valid Money value,
            @DecimalMin(value = "0", inclusive = false) BigDecimal quantity) {
    }

    public record TargetView(UUID id, Metric metric, LocalDate periodStart, LocalDate periodEnd, UUID orgUnitId,
                             String memberId, Money value, BigDecimal quantity, Target.Status status, long version,
                             String createdBy, Instant createdAt, Instant publishedAt) {
        public static TargetView of(Target target) {
            return new TargetView(target.id, target.metric, target.periodStart, target.periodEnd, target.orgUnitId,
                    target.memberId, target.value(), target.quantity == null ? null : target.quantity.stripTrailingZeros(),
                    target.status, target.version, target.createdBy, target.createdAt, target.publishedAt);
        }
    }

    private TargetDtos() {
    }
}
