package io.attain.targets.attainment;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.FunnelAssumptions;
import io.attain.targets.domain.decomposition.FunnelStage;
import io.attain.targets.domain.decomposition.ReverseFunnel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnedFunnelTest {

    @Test
    void shouldLearnRatesAndDealSizeFromReachedCounts() {
        StageHistory history = new StageHistory(List.of(100L, 60L, 40L, 30L, 20L, 10L), 10, new BigDecimal("3000000.00"));
        FunnelAssumptions learned = LearnedFunnel.learn(history, "CNY");
        assertThat(learned.averageDealSize()).isEqualTo(Money.of("300000.00", "CNY"));
        assertThat(learned.rates().rateFrom(FunnelStage.LEAD)).isEqualByComparingTo("0.6");
        assertThat(learned.rates().rateFrom(FunnelStage.CONTACTED)).isEqualByComparingTo("0.6667");
        assertThat(learned.rates().rateFrom(FunnelStage.NEEDS_ANALYSIS)).isEqualByComparingTo("0.75");
        assertThat(learned.rates().rateFrom(FunnelStage.PROPOSAL)).isEqualByComparingTo("0.6667");
        assertThat(learned.rates().rateFrom(FunnelStage.NEGOTIATION)).isEqualByComparingTo("0.5");
        // 3,000,000 needs 10 wins at 300,000; the engine rounds up backwards from there
        assertThat(ReverseFunnel.requirement(Money.of("3000000.00", "CNY"), learned).won()).isEqualTo(10);
    }

    @Test
    void shouldRefuseHistoryWithAStageNobodyPassed() {
        StageHistory history = new StageHistory(List.of(10L, 5L, 0L, 0L, 0L, 0L), 0, BigDecimal.ZERO);
        assertThatThrownBy(() -> LearnedFunnel.learn(history, "CNY"))
                .isInstanceOf(LearnedFunnel.InsufficientHistoryException.class)
                .satisfies(e -> assertThat(((LearnedFunnel.InsufficientHistoryException) e).gaps())
                        .hasSize(5).anyMatch(gap -> gap.contains("average deal size")));
    }

    @Test
    void shouldRefuseRatesTooSmallToState() {
        StageHistory history = new StageHistory(List.of(100000L, 1L, 1L, 1L, 1L, 1L), 1, new BigDecimal("10"));
        assertThatThrownBy(() -> LearnedFunnel.learn(history, "CNY"))
                .isInstanceOf(LearnedFunnel.InsufficientHistoryException.class)
                .hasMessageContaining("LEAD");
    }

    @Test
    void shouldRankStagesOfTheDefaultFunnel() {
        assertThat(StageHistory.rankOf("LEAD")).isZero();
        assertThat(StageHistory.rankOf("WON")).isEqualTo(5);
        assertThat(StageHistory.rankOf("COLLECTED")).isEqualTo(5);
        assertThat(StageHistory.rankOf("LOST")).isEqualTo(-1);
    }
}
