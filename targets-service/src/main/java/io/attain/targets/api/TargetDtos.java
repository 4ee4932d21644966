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
import java.util.List;
import java.util.Map;
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

    /**
     * @param planId     the plan whose decomposition produced the target; absent for a target drafted on its own
     * @param parentId   the node above in the plan's decomposition; absent for a plan's total
     * @param level      the decomposition level that produced the node
     * @param path       keys from the plan's total down to this node
     * @param dimensions fixed dimension values of the node (productLine, region, customerTier, channel, newVsExisting)
     */
    public record TargetView(UUID id, Metric metric, LocalDate periodStart, LocalDate periodEnd, UUID orgUnitId,
                             String memberId, Money value, BigDecimal quantity, Target.Status status, long version,
                             String createdBy, Instant createdAt, Instant publishedAt, UUID planId, UUID parentId,
                             String level, List<String> path, Map<String, String> dimensions) {
        public static TargetView of(Target target) {
            return new TargetView(target.id, target.metric, target.periodStart, target.periodEnd, target.orgUnitId,
                    target.memberId, target.value(), Quantities.plain(target.quantity),
                    target.status, target.version, target.createdBy, target.createdAt, target.publishedAt,
                    target.planId, target.parentId, target.levelName, target.nodePath, target.dimensions);
        }
    }

    private TargetDtos() {
    }
}
