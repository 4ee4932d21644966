package io.attain.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of one ISO-4217 currency.
 *
 * <p>Amounts keep the scale they were created with (an unrounded commission basis may carry more
 * decimals than the currency has); {@link #rounded(RoundingMode)} is the one named point where an
 * amount is brought to the currency's minor unit. Arithmetic between two currencies is refused, and
 * equality ignores trailing zeros so that {@code 10.0 CNY} equals {@code 10.00 CNY}.
 * Serialised as {@code {"amount": "1000000.00", "currency": "CNY"}}: the amount is a string so that
 * no JSON reader turns it into a binary floating-point number.
 */
public record Money(
        @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal amount,
        String currency) implements Comparable<Money> {

    @JsonCreator
    public Money(@JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        this.currency = currencyOf(currency).getCurrencyCode();
        this.amount = amount;
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO.setScale(minorUnits(currency)), currency);
    }

    /** Whether {@code code} is an ISO-4217 currency this JVM knows. */
    public static boolean isKnownCurrency(String code) {
        if (code == null || code.length() != 3) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Digits after the decimal point in the currency's minor unit (2 for CNY, 0 for JPY). */
    public static int minorUnits(String currency) {
        return Math.max(0, currencyOf(currency).getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** Exact product; round with {@link #rounded(RoundingMode)} where a figure becomes final. */
    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    /** This amount at the currency's minor unit. */
    public Money rounded(RoundingMode mode) {
        return new Money(amount.setScale(minorUnits(currency), mode), currency);
    }

    // derived from the amount: not part of the JSON shape {amount, currency}
    @JsonIgnore
    public boolean isZero() {
        return amount.signum() == 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money other
                && currency.equals(other.currency)
                && amount.compareTo(other.amount) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount.stripTrailingZeros(), currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    private static Currency currencyOf(String code) {
        if (code == null || code.length() != 3) {
            throw new IllegalArgumentException("not an ISO-4217 currency code: " + code);
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO-4217 currency code: " + code, e);
        }
    }

    /** Thrown when amounts of two currencies are combined without a conversion. */
    public static final class CurrencyMismatchException extends IllegalArgumentException {
        public CurrencyMismatchException(String left, String right) {
            super("cannot combine " + left + " with " + right + " without a conversion rate");
        }
    }
}
