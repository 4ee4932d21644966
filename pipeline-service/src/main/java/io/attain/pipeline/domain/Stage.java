package io.attain.pipeline.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The default funnel: LEAD 线索 → CONTACTED 初步接触 → NEEDS_ANALYSIS 需求分析 → PROPOSAL 方案演示 →
 * NEGOTIATION 商务谈判 → WON 合同签订 → COLLECTED 回款, and LOST from any open stage.
 */
public enum Stage {
    LEAD(10, ForecastCategory.PIPELINE),
    CONTACTED(20, ForecastCategory.PIPELINE),
    NEEDS_ANALYSIS(40, ForecastCategory.PIPELINE),
    PROPOSAL(60, ForecastCategory.BEST_CASE),
    NEGOTIATION(80, ForecastCategory.COMMIT),
    WON(100, ForecastCategory.CLOSED),
    COLLECTED(100, ForecastCategory.CLOSED),
    LOST(0, ForecastCategory.OMITTED);

    private final int defaultProbability;
    private final ForecastCategory forecastCategory;

    Stage(int defaultProbability, ForecastCategory forecastCategory) {
        this.defaultProbability = defaultProbability;
        this.forecastCategory = forecastCategory;
    }

    public int defaultProbability() {
        return defaultProbability;
    }

    public ForecastCategory forecastCategory() {
        return forecastCategory;
    }

    public boolean isOpen() {
        return ordinal() <= NEGOTIATION.ordinal();
    }

    public boolean isBooked() {
        return this == WON || this == COLLECTED;
    }

    /**
     * Where a deal may go from here: an open deal to any other open stage, to WON or to LOST; a won deal
     * to COLLECTED or, when the contract falls through, to LOST; a lost deal reopens at any open stage;
     * a collected deal is final.
     */
    public Set<Stage> allowedNext() {
        return switch (this) {
            case LEAD, CONTACTED, NEEDS_ANALYSIS, PROPOSAL, NEGOTIATION -> {
                EnumSet<Stage> next = openStages();
                next.remove(this);
                next.add(WON);
                next.add(LOST);
                yield next;
            }
            case WON -> EnumSet.of(COLLECTED, LOST);
            case LOST -> openStages();
            case COLLECTED -> EnumSet.noneOf(Stage.class);
        };
    }

    public boolean canMoveTo(Stage target) {
        return allowedNext().contains(target);
    }

    private static EnumSet<Stage> openStages() {
        EnumSet<Stage> open = EnumSet.noneOf(Stage.class);
        Arrays.stream(values()).filter(Stage::isOpen).forEach(open::add);
        return open;
    }

    public enum ForecastCategory { PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED }
}
