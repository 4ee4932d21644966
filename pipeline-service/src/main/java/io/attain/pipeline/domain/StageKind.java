package io.attain.pipeline.domain;

/**
 * What a pipeline stage means to the rest of Attain: an open stage of the funnel, the signed contract
 * ({@link Stage#WON}), the money in ({@link Stage#COLLECTED}) or the lost deal ({@link Stage#LOST}).
 */
public enum StageKind {
    OPEN, WON, COLLECTED, LOST;

    /** The funnel stage of a closed kind; open stages map to one of the open funnel stages instead. */
    public Stage closedFunnelStage() {
        return switch (this) {
            case OPEN -> throw new IllegalStateException("an open stage maps to one of the open funnel stages");
            case WON -> Stage.WON;
            case COLLECTED -> Stage.COLLECTED;
            case LOST -> Stage.LOST;
        };
    }

    public static StageKind of(Stage funnelStage) {
        return switch (funnelStage) {
            case LEAD, CONTACTED, NEEDS_ANALYSIS, PROPOSAL, NEGOTIATION -> OPEN;
            case WON -> WON;
            case COLLECTED -> COLLECTED;
            case LOST -> LOST;
        };
    }
}
