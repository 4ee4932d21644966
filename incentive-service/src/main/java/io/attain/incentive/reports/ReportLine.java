package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;

import java.math.BigDecimal;

/**
 * One commission line of a member's statement, as a finance report lists it.
 *
 * @param planId            the plan that produced it, or {@code null} for a line no plan produced
 * @param planVersion       that plan's version, or {@code null}
 * @param lineNo            the line's position in the member's statement, from 1
 * @param basis             what the rate applied to, or {@code null}
 * @param ratePercent       the rate in percent, or {@code null}
 * @param attainmentPercent the attainment the line depends on, or {@code null}
 * @param amount            the rounded line amount in the statement's currency
 */
public record ReportLine(String memberId, String planId, Integer planVersion, int lineNo, CommissionComponent component,
                         String rule, Money basis, BigDecimal ratePercent, BigDecimal attainmentPercent, Money amount,
                         String explanation) {

    public ReportLine {
        if (memberId == null || component == null || rule == null || amount == null) {
            throw new IllegalArgumentException("a report line needs a member, component, rule and amount");
        }
        explanation = explanation == null ? "" : explanation;
    }
}
