package io.attain.targets.domain.decomposition;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.DecompositionException.Reason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.attain.targets.domain.decomposition.SeedExamplesTest.cny;
import static io.attain.targets.domain.decomposition.SeedExamplesTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GapReportTest {

    private static final Decomposition PROPOSAL = DecompositionPlan.builder()
            .level("rep", Dimension.ORG, Shares.percentages(ordered("wang.fang", 50, "li.na", 30, "zhang.wei", 20)))
            .level("month", Dimension.TIME, Shares.weights(ordered("M1", 8, "M2", 10, "M3", 12)))
            .build()
            .decompose(cny("3000000.00"));

    @Test
    void shouldShowGapPerRepAndForTheTeamWithMissingCommitmentsCountedAsZero() {
        GapReport report = GapReport.compareMoney(PROPOSAL, "rep", Map.of(
                List.of("wang.fang"), cny("1400000.00"),
                List.of("li.na"), cny("1000000.00")));

        assertThat(report.total()).satisfies(team -> {
            assertThat(team.path()).isEmpty();
            assertThat(team.proposed()).isEqualByComparingTo("3000000.00");
            assertThat(team.committed()).isEqualByComparingTo("2400000.00");
            assertThat(team.gap()).isEqualByComparingTo("600000.00");
            assertThat(team.gapPercent()).contains(new BigDecimal("20.00"));
            assertThat(team.missingCommitments()).isEqualTo(1);
            assertThat(team.isShortfall()).isTrue();
        });
        assertThat(report.at(List.of("wang.fang")).orElseThrow()).satisfies(rep -> {
            assertThat(rep.gap()).isEqualByComparingTo("100000.00");
            assertThat(rep.gapPercent()).contains(new BigDecimal("6.67"));
        });
        assertThat(report.at(List.of("li.na")).orElseThrow()).satisfies(rep -> {
            assertThat(rep.gap()).isEqualByComparingTo("-100000.00");
            assertThat(rep.gapPercent()).contains(new BigDecimal("-11.11"));
            assertThat(rep.isShortfall()).isFalse();
        });
        assertThat(report.at(List.of("zhang.wei")).orElseThrow().gapPercent()).contains(new BigDecimal("100.00"));
        assertThat(report.uncommitted()).containsExactly(List.of("zhang.wei"));
        assertThat(report.nodes()).extracting(NodeGap::path)
                .containsExactly(List.of(), List.of("wang.fang"), List.of("li.na"), List.of("zhang.wei"));
        assertThat(report.at(List.of("wang.fang", "M1"))).isEmpty();
    }

    @Test
    void shouldRollLeafCommitmentsUpToEveryAncestor() {
        GapReport report = GapReport.compare(PROPOSAL, "month", Map.of(
                List.of("wang.fang", "M1"), new BigDecimal("400000.00"),
                List.of("wang.fang", "M2"), new BigDecimal("500000.00"),
                List.of("wang.fang", "M3"), new BigDecimal("700000.00")));

        assertThat(report.at(List.of("wang.fang")).orElseThrow()).satisfies(rep -> {
            assertThat(rep.committed()).isEqualByComparingTo("1600000.00");
            assertThat(rep.gap()).isEqualByComparingTo("-100000.00");
            assertThat(rep.missingCommitments()).isZero();
            assertThat(rep.level()).isEqualTo("rep");
        });
        assertThat(report.at(List.of("wang.fang", "M3")).orElseThrow().gap()).isEqualByComparingTo("-100000.00");
        assertThat(report.total().missingCommitments()).isEqualTo(6);
        assertThat(report.nodes()).hasSize(1 + 3 + 9);
    }

    @Test
    void shouldLeaveGapPercentEmptyWhereNothingWasProposed() {
        Decomposition tiny = DecompositionPlan.builder()
                .level("rep", Dimension.ORG, Shares.equal("a", "b", "c"))
                .build()
                .decompose(cny("0.01"));

        GapReport report = GapReport.compareMoney(tiny, "rep", Map.of(List.of("c"), cny("5.00")));

        assertThat(report.at(List.of("c")).orElseThrow().gapPercent()).isEmpty();
        assertThat(report.at(List.of("c")).orElseThrow().gap()).isEqualByComparingTo("-5.00");
    }

    @Test
    void shouldRefuseCommitmentsThatDoNotFitTheProposal() {
        assertThatThrownBy(() -> GapReport.compareMoney(PROPOSAL, "rep", Map.of(List.of("wang.fang"), cny("-1.00"))))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NEGATIVE_COMMITMENT));
        assertThatThrownBy(() -> GapReport.compareMoney(PROPOSAL, "rep", Map.of(List.of("nobody"), cny("1.00"))))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThatThrownBy(() -> GapReport.compareMoney(PROPOSAL, "rep", Map.of(List.of("li.na", "M1"), cny("1.00"))))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThatThrownBy(() -> GapReport.compareMoney(PROPOSAL, "rep", Map.of(List.of("li.na"), Money.of("1.00", "USD"))))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
        assertThatThrownBy(() -> GapReport.compare(PROPOSAL, "rep", Map.of(List.of("li.na"), new BigDecimal("0.001"))))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_DECIMALS));
        assertThatThrownBy(() -> GapReport.compare(PROPOSAL, "quarter", Map.of()))
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }
}
