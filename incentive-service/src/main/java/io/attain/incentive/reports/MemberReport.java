package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's part of a finance report: their lines in statement order and their totals, one per currency
 * the lines are in (a statement has one currency; two appear only when the member changed to a plan in
 * another currency within the period).
 */
public record MemberReport(String memberId, List<ReportLine> lines, List<MemberTotals> totals) {

    public MemberReport {
        lines = List.copyOf(lines);
        totals = List.copyOf(totals);
    }

    /** Totals the lines of one member; currencies in the order they first appear. */
    public static MemberReport of(String memberId, List<ReportLine> lines) {
        Map<String, Map<CommissionComponent, Money>> byCurrency = new LinkedHashMap<>();
        Map<String, Money> totals = new LinkedHashMap<>();
        for (ReportLine line : lines) {
            if (!line.memberId().equals(memberId)) {
                throw new IllegalArgumentException("line of " + line.memberId() + " in the report of " + memberId);
            }
            Money amount = line.amount();
            byCurrency.computeIfAbsent(amount.currency(), c -> new EnumMap<>(CommissionComponent.class))
                    .merge(line.component(), amount, Money::plus);
            totals.merge(amount.currency(), amount, Money::plus);
        }
        List<MemberTotals> memberTotals = new ArrayList<>();
        byCurrency.forEach((currency, components) ->
                memberTotals.add(new MemberTotals(memberId, currency, components, totals.get(currency))));
        return new MemberReport(memberId, lines, memberTotals);
    }
}
