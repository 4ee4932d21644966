package io.attain.incentive.service;

import io.attain.events.Money;
import io.attain.incentive.domain.CreditKind;
import io.attain.incentive.service.CommissionInputs.LedgerRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A payment shared among a deal's credits by their amounts, to the cent. */
class PaymentShareTest {

    @Test
    void sharesAddUpExactlyToThePayment() {
        LedgerRow a = credit("1", "700000.00");
        LedgerRow b = credit("2", "200000.00");
        LedgerRow c = credit("3", "100000.01");

        Map<LedgerRow, Money> shares = CommissionInputs.share(Money.of("333333.33", "CNY"), List.of(a, b, c));

        assertThat(shares.values().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("333333.33");
        assertThat(shares).hasSize(3);
    }

    @Test
    void oneCreditTakesTheWholePayment() {
        LedgerRow only = credit("1", "1000000.00");

        assertThat(CommissionInputs.share(Money.of("400000.00", "CNY"), List.of(only))).containsEntry(only, Money.of("400000.00", "CNY"));
        assertThat(CommissionInputs.share(Money.of("400000.00", "CNY"), List.of())).isEmpty();
    }

    private static LedgerRow credit(String seq, String amount) {
        return new LedgerRow(UUID.nameUUIDFromBytes(seq.getBytes()), Long.parseLong(seq), "member-" + seq, UUID.randomUUID(),
                CreditKind.CREDIT, new BigDecimal(amount), "CNY", null, null, null, null, false, "deal won");
    }
}
