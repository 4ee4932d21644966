package io.attain.targets.api;

import java.math.BigDecimal;

/** Quantities as clients read them: no trailing zeros, never in exponent form (10, not 1E+1). */
final class Quantities {

    private Quantities() {
    }

    static BigDecimal plain(BigDecimal quantity) {
        if (quantity == null) {
            return null;
        }
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
