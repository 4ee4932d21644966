package io.attain.targets.api;

import io.attain.events.Money;
import io.attain.targets.api.DecompositionDtos.LevelSpec;
import io.attain.targets.api.DecompositionDtos.PinSpec;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.TargetPlan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@link PlanResource}. */
public final class PlanDtos {

    /**
     * @param memberId         for a personal plan (a rep's quarter): the member, who must belong to the org unit
     * @param value            the plan total for money metrics (revenue, gross profit, collections)
     * @param quantity         the plan total for counts (whole) and the renewal rate (percent, at most 100)
     * @param lastYear         last year's actual for the same scope (money metrics), for the stretch checks
     * @param lastYearQuantity last year's actual for count and rate metrics
     * @param pipeline         the open pipeline for the period (money metrics), for the coverage check
     * @param pipelineQuantity the open pipeline for count metrics
     */
    public record CreatePlan(
            @Size(max = 200) String name,
            @NotNull Metric metric,
            @NotNull LocalDate periodStart,
            @NotNull LocalDate periodEnd,
            @NotNull UUID orgUnitId,
            @Size(max = 100) String memberId,
            @Valid Money value,
            BigDecimal quantity,
            @Valid Money lastYear,
            BigDecimal lastYearQuantity,
            @Valid Money pipeline,
            BigDecimal pipelineQuantity) {
    }

    /**
     * The same levels and pins as a decomposition preview; the value decomposed is the plan's total. Keys of TIME
     * levels name periods (Q1..Q4, H1/H2, M1..M12 counted from the parent's start, Jan..Dec, 2026-03, 2026-Q2);
     * keys of ORG levels are org unit ids or member ids inside the plan's unit.
     */
    public record DecomposePlan(
            @NotEmpty @Size(max = DecompositionDtos.MAX_LEVELS) List<@NotNull @Valid LevelSpec> levels,
            @Size(max = 10_000) List<@NotNull @Valid PinSpec> pins) {
    }

    /** @param targetCount how many targets (decomposition nodes, root included) the plan holds */
    public record PlanView(UUID id, String name, Metric metric, LocalDate periodStart, LocalDate periodEnd,
                           UUID orgUnitId, String memberId, Money value, BigDecimal quantity, Money lastYear,
                           BigDecimal lastYearQuantity, Money pipeline, BigDecimal pipelineQuantity,
                           TargetPlan.Status status, boolean decomposed, long targetCount, long version,
                           String createdBy, Instant createdAt, Instant publishedAt) {
        public static PlanView of(TargetPlan plan, long targetCount) {
            return new PlanView(plan.id, plan.name, plan.metric, plan.periodStart, plan.periodEnd, plan.orgUnitId,
                    plan.memberId, plan.value(), Quantities.plain(plan.quantity), plan.lastYearValue(), Quantities.plain(plan.lastYearQuantity),
                    plan.pipelineValue(), Quantities.plain(plan.pipelineQuantity), plan.status, plan.decomposition != null,
                    targetCount, plan.version, plan.createdBy, plan.createdAt, plan.publishedAt);
        }

    }

    private PlanDtos() {
    }
}
