package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One member's statement total in one currency, split by component. Only components the member has lines of
 * are present; the total is the exact sum of the (already rounded) lines.
 */
public record MemberTotals(String memberId, String currency, Map<CommissionComponent, Money> byComponent, Money total) {

    public MemberTotals {
        EnumMap<CommissionComponent, Money> copy = new EnumMap<>(CommissionComponent.class);
        copy.putAll(byComponent);
        byComponent = Collections.unmodifiableMap(copy);
    }

    /** The component's sum, zero when the member has no line of it. */
    public Money of(CommissionComponent component) {
        return byComponent.getOrDefault(component, Money.zero(currency));
    }
}
