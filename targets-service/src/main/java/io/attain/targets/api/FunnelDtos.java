package io.attain.targets.api;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.FunnelStage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the reverse funnel (按销售阶段分解) in {@link ReverseFunnelResource}. */
public final class FunnelDtos {

    /**
     * @param target          the revenue to reach (≥ 0)
     * @param averageDealSize the average won deal, same currency
     * @param conversionRates for each of LEAD, CONTACTED, NEEDS_ANALYSIS, PROPOSAL and NEGOTIATION, the fraction
     *                        of deals reaching the next stage, in (0, 1]
     */
    public record ReverseFunnelRequest(
            @NotNull @Valid Money target,
            @NotNull @Valid Money averageDealSize,
            @NotEmpty Map<@NotNull FunnelStage, @NotNull BigDecimal> conversionRates) {
    }

    /** @param stages from LEAD down to WON, each with the deals that must reach it */
    public record ReverseFunnelView(Money target, Money averageDealSize, List<StageRequirement> stages) {
    }

    /** @param conversionToNext the rate to the next stage; absent for WON */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record StageRequirement(FunnelStage stage, long required, BigDecimal conversionToNext) {
    }

    private FunnelDtos() {
    }
}
