package io.attain.targets.domain.decomposition;

/**
 * The open stages of the default funnel up to the win, in order (线索 → 初步接触 → 需求分析 → 方案演示 →
 * 商务谈判 → 合同签订). Collection and loss are not part of the reverse funnel.
 */
public enum FunnelStage {
    LEAD, CONTACTED, NEEDS_ANALYSIS, PROPOSAL, NEGOTIATION, WON;

    /** The stage after this one; none after {@link #WON}. */
    public FunnelStage next() {
        if (this == WON) {
            throw new IllegalStateException("WON is the last stage of the funnel");
        }
        return values()[ordinal() + 1];
    }
}
