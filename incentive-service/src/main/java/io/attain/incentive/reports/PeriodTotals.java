package io.attain.incentive.reports;

import io.attain.events.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Running totals of a report while it is written: members, lines, and the sum per currency. */
final class PeriodTotals {

    private final Map<String, Money> byCurrency = new TreeMap<>();
    private long members;
    private long lines;

    void add(MemberReport member) {
        members++;
        lines += member.lines().size();
        for (MemberTotals totals : member.totals()) {
            byCurrency.merge(totals.currency(), totals.total(), Money::plus);
        }
    }

    long members() {
        return members;
    }

    long lines() {
        return lines;
    }

    /** One sum per currency, by currency code. */
    List<Money> totals() {
        return new ArrayList<>(byCurrency.values());
    }
}
