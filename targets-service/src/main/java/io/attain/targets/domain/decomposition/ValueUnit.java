package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decomposed value is measured in: money of one currency (scale = the currency's minor unit) or a
 * whole count (scale 0: customers, deals, visits).
 *
 * <p>The engine works on {@code long} minor units; this type is the one place where a decimal becomes
 * minor units and back. It never rounds: an amount with more decimals than the unit has is refused.
 */
public final class ValueUnit {

    private static final ValueUnit COUNT = new ValueUnit(null, 0);

    private final String currency;
    private final int scale;

    private ValueUnit(String currency, int scale) {
        this.currency = currency;
        this.scale = scale;
    }

    /** Money of {@code currency}, split to its minor unit (the cent for CNY, the yen for JPY). */
    public static ValueUnit money(String currency) {
        Objects.requireNonNull(currency, "currency");
        Money zero = Money.zero(currency);
        return new ValueUnit(zero.currency(), Money.minorUnits(zero.currency()));
    }

    /** Whole counts: customers, deals, visits, leads. */
    public static ValueUnit count() {
        return COUNT;
    }

    /** The currency, or empty for a count. */
    public Optional<String> currency() {
        return Optional.ofNullable(currency);
    }

    public boolean isMoney() {
        return currency != null;
    }

    /** Digits after the decimal point of one minor unit. */
    public int scale() {
        return scale;
    }

    /** {@code amount} in minor units; refused when it has more decimals than this unit or does not fit a long. */
    public long toMinorUnits(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        BigDecimal scaled = amount.movePointRight(scale);
        BigDecimal whole = scaled.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new DecompositionException(DecompositionException.Reason.TOO_MANY_DECIMALS,
                    amount.toPlainString() + " has more decimals than " + this + " allows (" + scale + ")");
        }
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new DecompositionException(DecompositionException.Reason.VALUE_TOO_LARGE,
                    amount.toPlainString() + " " + this + " is too large to decompose");
        }
    }

    /** The minor units of {@code money}, which must be in this unit's currency. */
    public long toMinorUnits(Money money) {
        Objects.requireNonNull(money, "money");
        requireSameCurrency(money);
        return toMinorUnits(money.amount());
    }

    /** {@code minorUnits} as a decimal at this unit's scale, e.g. {@code 123} cents → {@code 1.23}. */
    public BigDecimal toDecimal(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, scale);
    }

    /** {@code minorUnits} as money; refused for a count. */
    public Money toMoney(long minorUnits) {
        if (currency == null) {
            throw new DecompositionException(DecompositionException.Reason.UNIT_MISMATCH,
                    "a count has no money value");
        }
        return Money.of(toDecimal(minorUnits), currency);
    }

    void requireSameCurrency(Money money) {
        if (!money.currency().equals(currency)) {
            throw new DecompositionException(DecompositionException.Reason.UNIT_MISMATCH,
                    "expected " + this + " but got " + money.currency());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueUnit other && Objects.equals(currency, other.currency) && scale == other.scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, scale);
    }

    @Override
    public String toString() {
        return currency == null ? "count" : currency;
    }
}
