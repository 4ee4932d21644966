package io.attain.targets.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attain.events.Money;
import io.attain.targets.domain.decomposition.Dimension;
import io.attain.targets.domain.decomposition.Shares;
import io.attain.targets.domain.decomposition.ZeroHistoryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of {@link DecompositionResource}. A decomposed value is either money
 * ({@code value}) or a whole count ({@code quantity}), never both; responses use the same pair.
 */
public final class DecompositionDtos {

    /** Most levels a preview may have. */
    public static final int MAX_LEVELS = 12;

    /**
     * @param value    the money target to split
     * @param quantity the count target to split (new customers, visits, deals)
     * @param levels   the splits, top down; a level may take its shares from an earlier level's key
     * @param pins     nodes fixed to a value; their siblings share the rest
     * @param compare  bottom-up commitments to compare the proposal with
     */
    public record PreviewRequest(
            @Valid Money value,
            @Positive Long quantity,
            @NotEmpty @Size(max = MAX_LEVELS) List<@NotNull @Valid LevelSpec> levels,
            @Size(max = 10_000) List<@NotNull @Valid PinSpec> pins,
            @Valid Comparison compare) {
    }

    /**
     * Either {@code shares} (every parent split the same way) or {@code keyedBy} with {@code sharesByParentKey}
     * (the split depends on the key an earlier level gave the node: the months of each quarter).
     */
    public record LevelSpec(
            @NotBlank @Size(max = 100) String name,
            @NotNull Dimension dimension,
            @Valid SharesSpec shares,
            @Size(max = 100) String keyedBy,
            Map<@NotBlank String, @NotNull @Valid SharesSpec> sharesByParentKey) {
    }

    /**
     * @param kind        WEIGHTS, PERCENTAGES (adding up to 100), EQUAL or HISTORY (last year's actuals)
     * @param values      key → weight, percentage or actual, in the order the children are listed; not for EQUAL
     * @param keys        the children of an EQUAL split
     * @param zeroHistory for HISTORY: what to do when every actual is zero (default REFUSE)
     */
    public record SharesSpec(
            @NotNull Shares.Kind kind,
            @Size(max = 100_000) Map<@NotBlank String, @NotNull BigDecimal> values,
            @Size(max = 100_000) List<@NotBlank String> keys,
            ZeroHistoryPolicy zeroHistory) {
    }

    /** @param path one key per level from the top down to the pinned node */
    public record PinSpec(
            @NotEmpty @Size(max = MAX_LEVELS) List<@NotBlank String> path,
            @Valid Money value,
            @PositiveOrZero Long quantity) {
    }

    /** @param level the level whose nodes the commitments are for (usually the rep level) */
    public record Comparison(
            @NotBlank String level,
            @NotNull @Size(max = 100_000) List<@NotNull @Valid Commitment> commitments) {
    }

    public record Commitment(
            @NotEmpty @Size(max = MAX_LEVELS) List<@NotBlank String> path,
            @Valid Money value,
            @PositiveOrZero Long quantity) {
    }

    /**
     * @param tree   the root (the target itself) with its children, every level adding up to its parent
     * @param totals sizes and, per level, the total of each key across the whole tree
     * @param gap    present when commitments were given
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviewView(NodeView tree, TotalsView totals, GapReportView gap) {
    }

    /** @param level the name of the level that produced the node; absent for the root */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(String key, List<String> path, String level, Money value, Long quantity,
                           List<NodeView> children) {
    }

    /** @param leafSum the leaves added up on their own: always equal to {@code value} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TotalsView(Money value, Long quantity, Money leafSum, Long leafQuantity, int nodeCount,
                             int leafCount, List<LevelTotalsView> levels) {
    }

    /** @param totals key → the total of every node with that key at this level, in tree order */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LevelTotalsView(String level, Dimension dimension, int nodeCount, Map<String, Money> totals,
                                  Map<String, Long> quantities) {
    }

    /**
     * @param total       the root row
     * @param nodes       one row per node from the root down to the commitment level, depth first
     * @param uncommitted paths of commitment-level nodes without a commitment (counted as zero)
     */
    public record GapReportView(String level, NodeGapView total, List<NodeGapView> nodes, List<List<String>> uncommitted) {
    }

    /**
     * @param gap        proposed − committed: positive is a shortfall, negative an over-commitment
     * @param gapPercent gap / proposed × 100, two decimals; absent when nothing was proposed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeGapView(List<String> path, String level, Money proposed, Money committed, Money gap,
                              Long proposedQuantity, Long committedQuantity, Long gapQuantity, String gapPercent,
                              boolean shortfall, int missingCommitments) {
    }

    private DecompositionDtos() {
    }
}
