package io.attain.targets.domain.decomposition;

/**
 * How many deals must reach each stage to meet a revenue target: whole numbers, each rounded up (see
 * {@link ReverseFunnel}).
 */
public record FunnelRequirement(long leads, long contacted, long needsAnalysis, long proposals, long negotiations,
                                long won) {

    public static final FunnelRequirement NONE = new FunnelRequirement(0, 0, 0, 0, 0, 0);

    public long count(FunnelStage stage) {
        return switch (stage) {
            case LEAD -> leads;
            case CONTACTED -> contacted;
            case NEEDS_ANALYSIS -> needsAnalysis;
            case PROPOSAL -> proposals;
            case NEGOTIATION -> negotiations;
            case WON -> won;
        };
    }
}
