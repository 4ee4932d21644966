package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A statement's credit commissions, held as columns rather than as a million small objects: a full quarter
 * attributes commission to every credit, and the statements of one calculation must fit in memory together.
 * Read-only; {@link #get} builds the {@link CreditCommission} on demand.
 */
final class CreditCommissions extends AbstractList<CreditCommission> implements RandomAccess {

    private final String memberId;
    private final String currency;
    private final int minorUnits;
    private final String[] creditIds;
    private final String[] paymentIds;
    private final String[] dealIds;
    private final long[] units;

    CreditCommissions(String memberId, String currency, String[] creditIds, String[] paymentIds, String[] dealIds, long[] units) {
        this.memberId = memberId;
        this.currency = currency;
        this.minorUnits = Money.minorUnits(currency);
        this.creditIds = creditIds;
        this.paymentIds = paymentIds;
        this.dealIds = dealIds;
        this.units = units;
    }

    @Override
    public CreditCommission get(int index) {
        return new CreditCommission(creditIds[index], paymentIds[index], dealIds[index], memberId,
                Money.of(BigDecimal.valueOf(units[index], minorUnits), currency));
    }

    @Override
    public int size() {
        return units.length;
    }
}
