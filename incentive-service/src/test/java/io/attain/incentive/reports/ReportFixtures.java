package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Report lines with everything a writer must get right: escaping, signs, currencies, very large amounts. */
final class ReportFixtures {

    static final ReportPeriod CLOSED_Q2 = new ReportPeriod(UUID.fromString("6f1c1f8e-3b57-4d43-9d4b-3f3a2f1d8a10"),
            "2025-Q2", LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30), "CLOSED", Instant.parse("2025-07-03T09:00:00Z"));
    static final String WANG = "rep-wang";
    static final String LI = "rep-li";
    static final String SATO = "rep-sato";
    static final String TRICKY_EXPLANATION = "1.5% on 1,100,000.00 CNY because attainment 110.00% reached the \"100%\" tier\r\n第二行";

    private ReportFixtures() {
    }

    /** Wang: tier, multiplier and a clawback; Li: a gate taking it all back; Sato: JPY and a huge SPIFF. */
    static List<ReportLine> lines() {
        return List.of(
                line(WANG, 1, CommissionComponent.TIER, "tier:100", money("1100000.00", "CNY"), "1.5", "110.00",
                        money("16500.00", "CNY"), TRICKY_EXPLANATION),
                line(WANG, 2, CommissionComponent.MULTIPLIER, "multiplier:PRODUCT_LINE=B", money("200000.00", "CNY"),
                        "1.5", "110.00", money("1500.00", "CNY"), "×1.5 on product line B"),
                line(WANG, 3, CommissionComponent.CLAWBACK, "=HYPERLINK(\"http://evil\")", null, null, null,
                        money("-1234.56", "CNY"), "-takes back what was paid on c-17"),
                line(LI, 1, CommissionComponent.TIER, "tier:80", money("790000.00", "CNY"), "1", "79.00",
                        money("7900.00", "CNY"), "1% on 790,000.00 CNY"),
                line(LI, 2, CommissionComponent.GATE, "gate:80", null, null, "79.00", money("-7900.00", "CNY"),
                        "attainment 79.00% is below the 80% gate"),
                line(SATO, 1, CommissionComponent.TIER, "tier:100", money("12000000", "JPY"), "1.5", "100.00",
                        money("180000", "JPY"), "1.5% on 12,000,000 JPY"),
                line(SATO, 2, CommissionComponent.SPIFF, "spiff:q2-push", null, null, null,
                        money("12345678901234567.89", "CNY"), "a SPIFF beyond Excel's 15 digits"));
    }

    static ReportLine line(String member, int lineNo, CommissionComponent component, String rule, Money basis,
                           String rate, String attainment, Money amount, String explanation) {
        return new ReportLine(member, "plan-east", 3, lineNo, component, rule, basis,
                rate == null ? null : new BigDecimal(rate), attainment == null ? null : new BigDecimal(attainment),
                amount, explanation);
    }

    static Money money(String amount, String currency) {
        return Money.of(amount, currency);
    }
}
