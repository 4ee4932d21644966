package io.attain.targets.attainment;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which deals a target node counts, from its fixed dimensions (product line, region, customer tier,
 * channel, new vs existing customers); {@code null} means any. Dimension names are accepted in the API's
 * camelCase ({@code productLine}) and in the decomposition's constant style ({@code PRODUCT_LINE}).
 */
public record DealFilter(String productLine, String region, String customerTier, String channel, Boolean newCustomer) {

    public static final DealFilter ANY = new DealFilter(null, null, null, null, null);

    /**
     * @throws IllegalArgumentException naming the dimension when one cannot be matched against deals
     */
    public static DealFilter of(Map<String, String> dimensions) {
        Objects.requireNonNull(dimensions, "dimensions");
        String productLine = null;
        String region = null;
        String customerTier = null;
        String channel = null;
        Boolean newCustomer = null;
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            String value = dimension.getValue();
            switch (dimension.getKey().replace("_", "").toLowerCase(Locale.ROOT)) {
                case "productline" -> productLine = value;
                case "region" -> region = value;
                case "customertier" -> customerTier = value;
                case "channel" -> channel = value;
                case "newvsexisting", "customertype" -> newCustomer = switch (value.toUpperCase(Locale.ROOT)) {
                    case "NEW" -> true;
                    case "EXISTING" -> false;
                    default -> throw new IllegalArgumentException("dimension " + dimension.getKey()
                            + " must be NEW or EXISTING, not " + value);
                };
                default -> throw new IllegalArgumentException("dimension " + dimension.getKey()
                        + " is not carried by deal events; measurable are productLine, region, customerTier, channel"
                        + " and newVsExisting");
            }
        }
        return new DealFilter(productLine, region, customerTier, channel, newCustomer);
    }
}
