package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.util.List;

/**
 * What closed deals (won or lost) of a window went through: how many reached each stage of the default
 * funnel, and what the won ones were worth in one currency.
 *
 * @param reached  deals that reached LEAD, CONTACTED, NEEDS_ANALYSIS, PROPOSAL, NEGOTIATION and WON, in that
 *                 order; a deal that jumped over a stage counts as having reached it
 * @param wonCount won deals in the currency
 * @param wonTotal their amounts summed
 */
public record StageHistory(List<Long> reached, long wonCount, BigDecimal wonTotal) {

    public static final List<String> FUNNEL = List.of("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL",
            "NEGOTIATION", "WON");

    public StageHistory {
        reached = List.copyOf(reached);
        if (reached.size() != FUNNEL.size()) {
            throw new IllegalArgumentException("one count per funnel stage expected, got " + reached.size());
        }
    }

    /** Rank of {@code stage} in the default funnel (COLLECTED counts as WON); -1 for LOST and unknown stages. */
    public static int rankOf(String stage) {
        if ("COLLECTED".equals(stage)) {
            return FUNNEL.indexOf("WON");
        }
        return FUNNEL.indexOf(stage);
    }
}
