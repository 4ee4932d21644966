package io.attain.targets.api;

import io.attain.events.Money;
import io.attain.targets.domain.check.Finding;
import jakarta.validation.Valid;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the target checks (SMART, stretch vs history). */
public final class CheckDtos {

    /**
     * History to compare with; each figure falls back to the one stored on the plan (for a plan's total).
     *
     * @param lastYear         last year's actual (money metrics)
     * @param lastYearQuantity last year's actual (count and rate metrics)
     * @param pipeline         open pipeline for the period (money metrics)
     * @param pipelineQuantity open pipeline (count metrics)
     */
    public record CheckRequest(@Valid Money lastYear, BigDecimal lastYearQuantity, @Valid Money pipeline,
                               BigDecimal pipelineQuantity) {
    }

    /** @param passed no finding is a WARNING or an ERROR */
    public record TargetCheckView(UUID targetId, List<String> path, boolean passed, List<Finding> findings) {
    }

    /** @param passed every target of the plan passed */
    public record PlanCheckView(UUID planId, boolean passed, List<TargetCheckView> targets) {
    }

    private CheckDtos() {
    }
}
