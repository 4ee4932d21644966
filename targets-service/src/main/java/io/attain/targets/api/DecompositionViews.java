package io.attain.targets.api;

import io.attain.events.Money;
import io.attain.targets.api.DecompositionDtos.GapReportView;
import io.attain.targets.api.DecompositionDtos.LevelTotalsView;
import io.attain.targets.api.DecompositionDtos.NodeGapView;
import io.attain.targets.api.DecompositionDtos.NodeView;
import io.attain.targets.api.DecompositionDtos.PreviewView;
import io.attain.targets.api.DecompositionDtos.TotalsView;
import io.attain.targets.api.FunnelDtos.ReverseFunnelView;
import io.attain.targets.api.FunnelDtos.StageRequirement;
import io.attain.targets.domain.decomposition.Decomposition;
import io.attain.targets.domain.decomposition.DecompositionNode;
import io.attain.targets.domain.decomposition.FunnelStage;
import io.attain.targets.domain.decomposition.GapReport;
import io.attain.targets.domain.decomposition.Level;
import io.attain.targets.domain.decomposition.NodeGap;
import io.attain.targets.domain.decomposition.ValueUnit;
import io.attain.targets.service.DecompositionService.FunnelResult;
import io.attain.targets.service.DecompositionService.Preview;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Engine results → response bodies. Money values are rendered as {@link Money}, counts as whole numbers. */
final class DecompositionViews {

    private DecompositionViews() {
    }

    static PreviewView preview(Preview preview) {
        Decomposition decomposition = preview.decomposition();
        GapReportView gap = preview.gap()
                .map(report -> gapReport(decomposition.unit(), preview.commitmentLevel().orElseThrow(), report))
                .orElse(null);
        return new PreviewView(node(decomposition.root(), decomposition.unit()), totals(decomposition), gap);
    }

    static ReverseFunnelView funnel(FunnelResult result) {
        List<StageRequirement> stages = new ArrayList<>();
        for (FunnelStage stage : FunnelStage.values()) {
            BigDecimal rate = stage == FunnelStage.WON ? null : result.assumptions().rates().rateFrom(stage);
            stages.add(new StageRequirement(stage, result.requirement().count(stage), rate));
        }
        return new ReverseFunnelView(result.target(), result.assumptions().averageDealSize(), stages);
    }

    private static NodeView node(DecompositionNode node, ValueUnit unit) {
        List<NodeView> children = node.isLeaf() ? null
                : node.children().stream().map(child -> node(child, unit)).toList();
        String level = node.level().map(Level::name).orElse(null);
        return new NodeView(node.isRoot() ? null : node.key(), node.path(), level,
                unit.isMoney() ? node.money() : null, unit.isMoney() ? null : node.minorUnits(), children);
    }

    private static TotalsView totals(Decomposition decomposition) {
        ValueUnit unit = decomposition.unit();
        DecompositionNode root = decomposition.root();
        BigDecimal leafSum = root.subtreeSum();
        int nodeCount = 0;
        for (int depth = 0; depth <= decomposition.depth(); depth++) {
            nodeCount += decomposition.nodeCount(depth);
        }
        List<LevelTotalsView> levels = new ArrayList<>();
        for (int depth = 1; depth <= decomposition.depth(); depth++) {
            Level level = decomposition.plan().levels().get(depth - 1);
            Map<String, Money> monies = unit.isMoney() ? new LinkedHashMap<>() : null;
            Map<String, Long> counts = unit.isMoney() ? null : new LinkedHashMap<>();
            decomposition.rollUp(level.name()).forEach((keys, total) -> {
                if (monies != null) {
                    monies.put(keys.getFirst(), money(unit, total));
                } else {
                    counts.put(keys.getFirst(), total.longValueExact());
                }
            });
            levels.add(new LevelTotalsView(level.name(), level.dimension(), decomposition.nodeCount(depth), monies, counts));
        }
        return new TotalsView(unit.isMoney() ? root.money() : null, unit.isMoney() ? null : root.minorUnits(),
                unit.isMoney() ? money(unit, leafSum) : null, unit.isMoney() ? null : leafSum.longValueExact(),
                nodeCount, decomposition.leafCount(), levels);
    }

    private static GapReportView gapReport(ValueUnit unit, String level, GapReport report) {
        List<NodeGapView> rows = report.nodes().stream().map(row -> gap(unit, row)).toList();
        return new GapReportView(level, rows.getFirst(), rows, report.uncommitted());
    }

    private static NodeGapView gap(ValueUnit unit, NodeGap row) {
        boolean money = unit.isMoney();
        String percent = row.gapPercent().map(BigDecimal::toPlainString).orElse(null);
        return new NodeGapView(row.path(), row.level().isEmpty() ? null : row.level(),
                money ? money(unit, row.proposed()) : null, money ? money(unit, row.committed()) : null,
                money ? money(unit, row.gap()) : null,
                money ? null : row.proposed().longValueExact(), money ? null : row.committed().longValueExact(),
                money ? null : row.gap().longValueExact(), percent, row.isShortfall(), row.missingCommitments());
    }

    private static Money money(ValueUnit unit, BigDecimal amount) {
        return Money.of(amount, unit.currency().orElseThrow());
    }
}
