package io.attain.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyPropertyTest {

    private static final BigDecimal LIMIT = new BigDecimal("1000000000000");

    @Property
    void minusUndoesPlus(@ForAll("amounts") Money a, @ForAll("decimals") BigDecimal other) {
        Money b = Money.of(other, a.currency());

        assertThat(a.plus(b).minus(b)).isEqualTo(a);
        assertThat(a.minus(b).plus(b)).isEqualTo(a);
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property
    void roundedHasTheCurrencyScaleAndMovesLessThanHalfAMinorUnit(@ForAll("amounts") Money money) {
        Money rounded = money.rounded(RoundingMode.HALF_UP);
        BigDecimal halfMinorUnit = BigDecimal.ONE.movePointLeft(Money.minorUnits(money.currency())).divide(BigDecimal.TWO);

        assertThat(rounded.amount().scale()).isEqualTo(Money.minorUnits(money.currency()));
        assertThat(rounded.currency()).isEqualTo(money.currency());
        assertThat(rounded.minus(money).amount().abs()).isLessThanOrEqualTo(halfMinorUnit);
        assertThat(rounded.rounded(RoundingMode.HALF_UP)).isEqualTo(rounded);
    }

    @Property
    void equalityAndHashIgnoreTrailingZeros(@ForAll("amounts") Money money) {
        Money padded = Money.of(money.amount().setScale(money.amount().scale() + 3), money.currency());

        assertThat(padded).isEqualTo(money).hasSameHashCodeAs(money);
    }

    @Property
    void survivesJson(@ForAll("amounts") Money money) throws Exception {
        String json = EventJson.mapper().writeValueAsString(money);
        Money read = EventJson.mapper().readValue(json, Money.class);

        assertThat(read).isEqualTo(money);
        assertThat(read.amount().scale()).isEqualTo(money.amount().scale());
        assertThat(json).contains("\"amount\":\"" + money.amount().toPlainString() + "\"");
    }

    @Provide
    Arbitrary<Money> amounts() {
        return Combinators.combine(decimals(), Arbitraries.of("CNY", "JPY", "USD", "EUR", "KWD"))
                .as(Money::of);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.integers().between(0, 6)
                .flatMap(scale -> Arbitraries.bigDecimals().between(LIMIT.negate(), LIMIT).ofScale(scale));
    }
}
