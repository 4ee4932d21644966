package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How figures read in explanations: {@code 1,100,000.00 CNY}, {@code 1.5%}, {@code 110.00%}. */
final class Figures {

    private Figures() {
    }

    /** An amount with thousands separators at the currency's minor unit (display only; amounts are rounded elsewhere). */
    static String money(BigDecimal amount, String currency) {
        BigDecimal shown = amount.setScale(Money.minorUnits(currency), RoundingMode.HALF_UP);
        return grouped(shown) + " " + currency;
    }

    static String money(Money amount) {
        return money(amount.amount(), amount.currency());
    }

    /** A plan percentage as written, without trailing zeros: {@code 1.5%}, {@code 100%}. */
    static String percent(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** A measured percentage, as computed (two decimals): {@code 110.00%}. */
    static String measured(BigDecimal percent) {
        return percent.toPlainString() + "%";
    }

    private static String grouped(BigDecimal value) {
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        StringBuilder text = new StringBuilder(plain.length() + whole.length() / 3 + 1);
        if (value.signum() < 0) {
            text.append('-');
        }
        int lead = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
        text.append(whole, 0, lead);
        for (int i = lead; i < whole.length(); i += 3) {
            text.append(',').append(whole, i, i + 3);
        }
        if (point >= 0) {
            text.append(plain, point, plain.length());
        }
        return text.toString();
    }
}
