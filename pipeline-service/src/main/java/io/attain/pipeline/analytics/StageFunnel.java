package io.attain.pipeline.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The funnel by stage (销售漏斗): how many deals sit in each stage now, with their amount and weighted amount per
 * currency. Every stage of the funnel is listed, empty ones included, so charts keep their shape.
 */
public final class StageFunnel {

    /** One stage: its deals counted over all currencies, and their money per currency. */
    public record StageTotal(String stage, long count, List<CurrencyTotal> totals) {
    }

    private StageFunnel() {
    }

    /** Deals in stages the funnel does not know are left out. */
    public static List<StageTotal> of(List<DealFacts> deals, FunnelDefinition funnel) {
        Map<String, CurrencyTotals> byStage = new LinkedHashMap<>();
        funnel.allStages().forEach(stage -> byStage.put(stage, new CurrencyTotals()));
        for (DealFacts deal : deals) {
            CurrencyTotals totals = byStage.get(deal.stage());
            if (totals != null) {
                totals.add(deal.amount(), deal.effectiveProbability(funnel));
            }
        }
        return byStage.entrySet().stream()
                .map(e -> new StageTotal(e.getKey(), e.getValue().count(), e.getValue().totals()))
                .toList();
    }
}
