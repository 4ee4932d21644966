package io.attain.pipeline.domain;

import io.attain.pipeline.domain.PipelineLayout.Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineLayoutTest {

    private static final Draft WON = new Draft("签约", 100, StageKind.WON, null);
    private static final Draft COLLECTED = new Draft("回款", 100, StageKind.COLLECTED, null);
    private static final Draft LOST = new Draft("输单", 0, StageKind.LOST, null);

    /** A team's pipeline: three open stages, then won, collected and lost. */
    private static List<Draft> teamDrafts() {
        return List.of(new Draft("线索", 10, StageKind.OPEN, null), new Draft("拜访", 30, StageKind.OPEN, null),
                new Draft("谈判", 70, StageKind.OPEN, null), WON, COLLECTED, LOST);
    }

    private static PipelineLayout valid(List<Draft> drafts) {
        PipelineLayout.Checked checked = PipelineLayout.check(drafts);
        assertThat(checked).isInstanceOf(PipelineLayout.Valid.class);
        return ((PipelineLayout.Valid) checked).layout();
    }

    private static List<PipelineLayout.Violation> invalid(List<Draft> drafts) {
        PipelineLayout.Checked checked = PipelineLayout.check(drafts);
        assertThat(checked).isInstanceOf(PipelineLayout.Invalid.class);
        return ((PipelineLayout.Invalid) checked).violations();
    }

    private static List<Draft> with(int index, UnaryOperator<Draft> change) {
        List<Draft> drafts = new ArrayList<>(teamDrafts());
        drafts.set(index, change.apply(drafts.get(index)));
        return drafts;
    }

    @Test
    void shouldMakeTheDefaultPipelineTheDefaultFunnel() {
        PipelineLayout layout = PipelineLayout.DEFAULT;
        assertThat(layout.names()).containsExactly("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION",
                "WON", "COLLECTED", "LOST");
        for (Stage from : Stage.values()) {
            PipelineStage stage = layout.stage(from.name()).orElseThrow();
            assertThat(stage.funnelStage).isEqualTo(from);
            assertThat(stage.probability).isEqualTo(from.defaultProbability());
            assertThat(layout.allowedNext(stage)).extracting(s -> s.funnelStage)
                    .containsExactlyInAnyOrderElementsOf(from.allowedNext());
        }
        // The default funnel passes its own checks, so admins can copy it as a starting point.
        List<Draft> drafts = layout.stages().stream()
                .map(s -> new Draft(s.name, s.probability, s.kind, s.funnelStage)).toList();
        assertThat(valid(drafts)).isEqualTo(layout);
    }

    @Test
    void shouldSpreadOpenStagesFromLeadToNegotiation() {
        assertThat(valid(teamDrafts()).stages()).extracting(s -> s.funnelStage).containsExactly(
                Stage.LEAD, Stage.NEEDS_ANALYSIS, Stage.NEGOTIATION, Stage.WON, Stage.COLLECTED, Stage.LOST);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 1, LEAD", "0, 2, LEAD", "1, 2, NEGOTIATION", "0, 5, LEAD", "1, 5, CONTACTED", "4, 5, NEGOTIATION",
            "0, 7, LEAD", "1, 7, LEAD", "2, 7, CONTACTED", "3, 7, NEEDS_ANALYSIS", "6, 7, NEGOTIATION",
    })
    void shouldMapOpenStagesByTheirPlace(int index, int openCount, Stage expected) {
        assertThat(PipelineLayout.defaultOpenFunnelStage(index, openCount)).isEqualTo(expected);
    }

    @Test
    void shouldTakeGivenFunnelStagesAndStripNames() {
        PipelineLayout layout = valid(List.of(new Draft("  Discovery ", 10, StageKind.OPEN, Stage.CONTACTED),
                new Draft("Proposal", 60, StageKind.OPEN, Stage.PROPOSAL), WON, COLLECTED,
                new Draft("Lost", 0, StageKind.LOST, Stage.LOST)));
        assertThat(layout.names()).containsExactly("Discovery", "Proposal", "签约", "回款", "Lost");
        assertThat(layout.first().funnelStage).isEqualTo(Stage.CONTACTED);
    }

    @Test
    void shouldRefuseBadPipelines() {
        assertThat(invalid(List.of())).extracting(PipelineLayout.Violation::field).containsExactly("stages");
        assertThat(invalid(with(1, d -> new Draft("线索", 30, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[1].name");
        // Names are compared in any case.
        assertThat(invalid(List.of(new Draft("Lead", 10, StageKind.OPEN, null), new Draft("lead ", 20, StageKind.OPEN, null),
                WON, COLLECTED, LOST))).extracting(PipelineLayout.Violation::field).containsExactly("stages[1].name");
        assertThat(invalid(with(0, d -> new Draft(" ", 10, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[0].name");
        assertThat(invalid(with(0, d -> new Draft("x".repeat(51), 10, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[0].name");
        assertThat(invalid(with(0, d -> new Draft("线索", 101, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[0].probability");
        assertThat(invalid(with(0, d -> new Draft("线索", -1, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[0].probability");
        assertThat(invalid(with(0, d -> new Draft("线索", null, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[0].probability");
        assertThat(invalid(with(0, d -> new Draft("线索", 10, null, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[0].kind");
        // Probabilities do not fall along the open stages.
        assertThat(invalid(with(2, d -> new Draft("谈判", 20, StageKind.OPEN, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[2].probability");
        // Won and collected are certain, lost is not.
        assertThat(invalid(with(3, d -> new Draft("签约", 90, StageKind.WON, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[3].probability");
        assertThat(invalid(with(5, d -> new Draft("输单", 5, StageKind.LOST, null))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[5].probability");
        // Funnel stages of open stages are open and do not fall; closed kinds map to their own.
        assertThat(invalid(with(1, d -> new Draft("拜访", 30, StageKind.OPEN, Stage.WON))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[1].funnelStage");
        assertThat(invalid(with(0, d -> new Draft("线索", 10, StageKind.OPEN, Stage.PROPOSAL))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[1].funnelStage");
        assertThat(invalid(with(3, d -> new Draft("签约", 100, StageKind.WON, Stage.COLLECTED))))
                .extracting(PipelineLayout.Violation::field).containsExactly("stages[3].funnelStage");
    }

    @Test
    void shouldRequireOpenStagesThenExactlyOneWonCollectedAndLost() {
        Draft open = new Draft("线索", 10, StageKind.OPEN, null);
        for (List<Draft> bad : List.of(
                List.of(WON, COLLECTED, LOST),
                List.of(open, COLLECTED, WON, LOST),
                List.of(open, WON, COLLECTED),
                List.of(open, WON, LOST),
                List.of(open, WON, new Draft("签约2", 100, StageKind.WON, null), COLLECTED, LOST),
                List.of(open, WON, COLLECTED, LOST, new Draft("复活", 10, StageKind.OPEN, null)))) {
            assertThat(invalid(bad)).extracting(PipelineLayout.Violation::field).containsExactly("stages");
        }
        List<Draft> tooMany = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            tooMany.add(new Draft("s" + i, 10, StageKind.OPEN, null));
        }
        tooMany.addAll(List.of(WON, COLLECTED, LOST));
        assertThat(invalid(tooMany)).extracting(PipelineLayout.Violation::message).singleElement()
                .asString().contains("at most 20");
        assertThat(valid(tooMany.subList(1, tooMany.size())).stages()).hasSize(20);
    }

    @ParameterizedTest
    @CsvSource({
            "线索, 拜访, true", "线索, 谈判, true", "谈判, 线索, true", "线索, 签约, true", "线索, 输单, true",
            "线索, 线索, false", "线索, 回款, false",
            "签约, 回款, true", "签约, 输单, true", "签约, 谈判, false",
            "输单, 线索, true", "输单, 谈判, true", "输单, 签约, false", "输单, 回款, false",
            "回款, 签约, false", "回款, 输单, false", "回款, 线索, false",
    })
    void shouldMoveLikeTheDefaultFunnelByKind(String from, String to, boolean allowed) {
        PipelineLayout layout = valid(teamDrafts());
        assertThat(layout.canMove(layout.stage(from).orElseThrow(), layout.stage(to).orElseThrow())).isEqualTo(allowed);
    }

    @Test
    void shouldReachCollectedByHandOnlyWhenFullyPaid() {
        PipelineLayout layout = valid(teamDrafts());
        PipelineStage won = layout.only(StageKind.WON);
        assertThat(layout.allowedNext(won, false)).extracting(s -> s.name).containsExactly("输单");
        assertThat(layout.allowedNext(won, true)).extracting(s -> s.name).containsExactly("回款", "输单");
        assertThat(layout.allowedNext(layout.first(), false)).extracting(s -> s.name)
                .containsExactly("拜访", "谈判", "签约", "输单");
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void shouldLocateDealsMovedOnTheFunnelAlone(Stage funnel) {
        PipelineLayout layout = valid(teamDrafts());
        PipelineStage located = layout.locate(funnel.name(), funnel);
        assertThat(located.funnelStage.ordinal()).isLessThanOrEqualTo(funnel.ordinal());
        assertThat(located.kind).isEqualTo(StageKind.of(funnel));
        assertThat(layout.locate("拜访", Stage.NEEDS_ANALYSIS).name).isEqualTo("拜访");
        // A name that maps elsewhere than the deal's funnel stage is not trusted.
        assertThat(layout.locate("拜访", Stage.NEGOTIATION).name).isEqualTo("谈判");
    }

    @Test
    void shouldKeepWonTimeWhenAReversalTakesACollectedDealBackToWon() {
        PipelineLayout layout = valid(teamDrafts());
        Deal deal = new Deal();
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        deal.moveTo(layout.first(), t);
        assertThat(deal.stage).isEqualTo(Stage.LEAD);
        assertThat(deal.pipelineStage).isEqualTo("线索");
        deal.moveTo(layout.stage("谈判").orElseThrow(), t.plusSeconds(10));
        assertThat(deal.stage).isEqualTo(Stage.NEGOTIATION);
        assertThat(deal.probability).isEqualTo(70);
        deal.moveTo(layout.only(StageKind.WON), t.plusSeconds(20));
        deal.moveTo(layout.only(StageKind.COLLECTED), t.plusSeconds(30));
        deal.moveTo(layout.only(StageKind.WON), t.plusSeconds(40));
        assertThat(deal.wonAt).isEqualTo(t.plusSeconds(20));
        assertThat(deal.closedAt).isEqualTo(t.plusSeconds(20));
        assertThat(deal.pipelineStage).isEqualTo("签约");
        assertThat(deal.stage).isEqualTo(Stage.WON);
        assertThat(Arrays.asList(deal.probability, deal.forecastCategory)).containsExactly(100, Stage.ForecastCategory.CLOSED);
    }
}
