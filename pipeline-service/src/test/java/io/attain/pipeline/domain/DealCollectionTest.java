package io.attain.pipeline.domain;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DealCollectionTest {

    private static final Instant T = Instant.parse("2026-07-01T08:00:00Z");

    private static Deal wonDeal(String amount) {
        Deal deal = Deal.open(UUID.randomUUID(), new DealTerms("ERP", null, "rep-1", Money.of(amount, "CNY"), "A", null,
                null, null, false, null, List.of(new DealSplit("rep-1", new BigDecimal("100")))), T);
        deal.moveTo(Stage.WON, T.plusSeconds(60));
        return deal;
    }

    @Test
    void shouldAddPartialPaymentsUpToTheAmount() {
        Deal deal = wonDeal("1100000.00");
        assertThat(deal.isFullyPaid()).isFalse();
        deal.collect(Money.of("440000.00", "CNY"), T.plusSeconds(120));
        assertThat(deal.collectedMoney()).isEqualTo(Money.of("440000", "CNY"));
        assertThat(deal.outstanding()).isEqualTo(Money.of("660000", "CNY"));
        assertThat(deal.isFullyPaid()).isFalse();
        deal.collect(Money.of("660000", "CNY"), T.plusSeconds(180));
        assertThat(deal.isFullyPaid()).isTrue();
        assertThat(deal.outstanding().isZero()).isTrue();
        assertThat(deal.updatedAt).isEqualTo(T.plusSeconds(180));
        assertThat(deal.snapshot(7).collected()).isEqualTo(Money.of("1100000.00", "CNY"));
        assertThat(deal.snapshot(7).collected().amount().scale()).isEqualTo(2);

        deal.uncollect(Money.of("660000.00", "CNY"), T.plusSeconds(240));
        assertThat(deal.collectedMoney()).isEqualTo(Money.of("440000", "CNY"));
        assertThat(deal.isFullyPaid()).isFalse();
    }

    @Test
    void shouldRefuseMoneyOfAnotherCurrency() {
        Deal deal = wonDeal("100.00");
        assertThatThrownBy(() -> deal.collect(Money.of("1", "USD"), T)).isInstanceOf(Money.CurrencyMismatchException.class);
        assertThat(deal.collectedMoney().isZero()).isTrue();
    }

    @Test
    void shouldFollowTheDefaultPipelineAndKeepWonTimeWhenBackFromCollected() {
        Deal deal = wonDeal("100.00");
        assertThat(deal.pipelineId).isEqualTo(Pipeline.DEFAULT_ID);
        assertThat(deal.pipelineStage).isEqualTo("WON");
        deal.moveTo(Stage.COLLECTED, T.plusSeconds(300));
        deal.moveTo(Stage.WON, T.plusSeconds(400));
        assertThat(deal.wonAt).isEqualTo(T.plusSeconds(60));
        assertThat(deal.closedAt).isEqualTo(T.plusSeconds(60));
        deal.moveTo(Stage.LOST, T.plusSeconds(500));
        deal.moveTo(Stage.LEAD, T.plusSeconds(600));
        deal.moveTo(Stage.WON, T.plusSeconds(700));
        assertThat(deal.wonAt).isEqualTo(T.plusSeconds(700));
    }
}
