/**
 * The decomposition engine (目标分解) and the reverse funnel (按销售阶段分解): plain Java, no framework types.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>{@link io.attain.targets.domain.decomposition.Allocator} splits one value (money or a whole count) among
 *       named children by {@link io.attain.targets.domain.decomposition.Shares} — weights, percentages adding up
 *       to 100, equal shares, or last year's actuals — optionally with pinned children.</li>
 *   <li>{@link io.attain.targets.domain.decomposition.DecompositionPlan} lists levels along any
 *       {@link io.attain.targets.domain.decomposition.Dimension}s in any order and depth (a level may take its
 *       split from an earlier level's key: the months of each quarter, the reps of each team) plus pins on any
 *       node; {@code decompose} gives a {@link io.attain.targets.domain.decomposition.Decomposition}, read
 *       through {@link io.attain.targets.domain.decomposition.DecompositionNode}s, slices ({@code sumWhere}) and
 *       group totals ({@code rollUp}).</li>
 *   <li>{@link io.attain.targets.domain.decomposition.GapReport} compares a top-down proposal with bottom-up
 *       commitments node by node.</li>
 *   <li>{@link io.attain.targets.domain.decomposition.ReverseFunnel} turns a revenue target into the won deals,
 *       negotiations, proposals, needs analyses, contacts and leads it takes, per rep and period too.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Exact sums.</b> Values are whole minor units ({@code long}; the cent for CNY, 1 for counts). Each
 *       split is largest remainder with exact integer arithmetic, so children add up to their parent exactly
 *       and each child is within one minor unit of its exact share. No amount is rounded on the way in: more
 *       decimals than the unit allows is refused.</li>
 *   <li><b>Tie-break.</b> Leftover units go to the largest remainders; equal remainders go to the child
 *       declared first (list order, a sequenced map's order, or the sorted keys of an unordered map). The
 *       same input therefore always gives the same output.</li>
 *   <li><b>Shares.</b> Weights and percentages must be positive; percentages must add up to exactly 100.
 *       History may contain zeros (that child gets nothing); when all the children to share among have zero
 *       history, {@link io.attain.targets.domain.decomposition.ZeroHistoryPolicy} refuses or shares equally —
 *       the caller chooses.</li>
 *   <li><b>Pins.</b> A pinned child gets exactly its pin; the rest of the parent is shared among the
 *       unpinned children by their own shares. Refused: negative pins, pins above the parent, every child
 *       pinned with pins not equal to the parent.</li>
 *   <li><b>Zero.</b> The value to split must be positive. Inside a tree a node may round to zero (three reps,
 *       two cents); its children are then all zero.</li>
 *   <li><b>Reverse funnel.</b> Counts are rounded up to whole deals at every stage, working back from the
 *       win, each stage from the next stage's whole count. Conversion rates must be in (0, 1].</li>
 *   <li><b>Errors.</b> One {@link io.attain.targets.domain.decomposition.DecompositionException} with a stable
 *       {@link io.attain.targets.domain.decomposition.DecompositionException.Reason} for the API to map to a
 *       problem+json type, and a message naming the offending values.</li>
 * </ul>
 *
 * <h2>Size</h2>
 * A decomposition is stored as flat arrays per depth (value, parent, first child); 1.44 million leaves take
 * about 26 MiB and are computed in tens of milliseconds (see the {@code bench} module).
 */
package io.attain.targets.domain.decomposition;
