package io.attain.incentive.domain.commission;

import java.math.BigDecimal;

/**
 * Commission on matching credits is multiplied by {@code factor} (1.5 pays half as much again).
 * Multipliers do not change attainment: attainment is always measured on the plain credited amount.
 *
 * @param value the product line or channel to match; {@code null} for {@link MultiplierKind#NEW_CUSTOMER}
 */
public record Multiplier(MultiplierKind kind, String value, BigDecimal factor) {

    public Multiplier {
        if (kind == null) {
            throw new InvalidPlanException("a multiplier needs a kind: PRODUCT_LINE, CHANNEL or NEW_CUSTOMER");
        }
        if (kind == MultiplierKind.NEW_CUSTOMER && value != null) {
            throw new InvalidPlanException("a NEW_CUSTOMER multiplier takes no value, got '" + value + "'");
        }
        if (kind != MultiplierKind.NEW_CUSTOMER && (value == null || value.isBlank())) {
            throw new InvalidPlanException("a " + kind + " multiplier needs the " + (kind == MultiplierKind.CHANNEL ? "channel" : "product line")
                    + " it applies to");
        }
        if (factor == null || factor.signum() <= 0) {
            throw new InvalidPlanException("the factor of multiplier " + key(kind, value) + " must be above 0, was " + factor);
        }
    }

    public static Multiplier productLine(String productLine, String factor) {
        return new Multiplier(MultiplierKind.PRODUCT_LINE, productLine, new BigDecimal(factor));
    }

    public static Multiplier channel(String channel, String factor) {
        return new Multiplier(MultiplierKind.CHANNEL, channel, new BigDecimal(factor));
    }

    public static Multiplier newCustomer(String factor) {
        return new Multiplier(MultiplierKind.NEW_CUSTOMER, null, new BigDecimal(factor));
    }

    public boolean matches(Credit credit) {
        return switch (kind) {
            case PRODUCT_LINE -> value.equals(credit.productLine());
            case CHANNEL -> value.equals(credit.channel());
            case NEW_CUSTOMER -> credit.newCustomer();
        };
    }

    /** Names the rule on commission lines, e.g. {@code PRODUCT_LINE=B}. */
    public String key() {
        return key(kind, value);
    }

    String describe() {
        return switch (kind) {
            case PRODUCT_LINE -> "product line " + value;
            case CHANNEL -> "channel " + value;
            case NEW_CUSTOMER -> "new customers";
        };
    }

    private static String key(MultiplierKind kind, String value) {
        return kind == MultiplierKind.NEW_CUSTOMER ? kind.name() : kind + "=" + value;
    }
}
