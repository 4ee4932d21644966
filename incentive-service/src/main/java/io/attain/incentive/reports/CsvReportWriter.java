package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The report as one RFC 4180 table in UTF-8 (CRLF line ends, a header row, every row with the same fields), so
 * that a spreadsheet or a script reads it without guessing. The {@code record} column says what a row is:
 * <ul>
 *   <li>{@code MEMBER_TOTAL}: a member's sum of one component, or with an empty component their statement total;</li>
 *   <li>{@code LINE}: one statement line;</li>
 *   <li>{@code PERIOD_TOTAL}: the sum of all statements in one currency, last.</li>
 * </ul>
 * Amounts are plain decimals at the currency's minor unit with the currency in the next column, never
 * grouped or in exponent notation.
 *
 * <p>Text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return)
 * gets a leading apostrophe: rule names and explanations come from plans that people type. Number columns are
 * never touched, so a negative amount stays a number.
 */
public final class CsvReportWriter implements PeriodReportWriter {

    static final String[] HEADER = {"period", "record", "member_id", "plan_id", "plan_version", "line_no", "component",
            "rule", "basis", "basis_currency", "rate_percent", "attainment_percent", "amount", "currency", "explanation"};
    private static final String CRLF = "\r\n";

    @Override
    public ReportFormat format() {
        return ReportFormat.CSV;
    }

    @Override
    public void write(ReportPeriod period, Iterator<ReportLine> lines, OutputStream out) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        row(csv, HEADER);
        PeriodTotals totals = new PeriodTotals();
        MemberReports members = new MemberReports(lines);
        while (members.hasNext()) {
            MemberReport member = members.next();
            totals.add(member);
            for (MemberTotals memberTotals : member.totals()) {
                for (CommissionComponent component : memberTotals.byComponent().keySet()) {
                    Money sum = memberTotals.of(component);
                    row(csv, period.label(), "MEMBER_TOTAL", text(member.memberId()), "", "", "", component.name(),
                            "", "", "", "", "", decimal(sum.amount()), sum.currency(), "");
                }
                row(csv, period.label(), "MEMBER_TOTAL", text(member.memberId()), "", "", "", "", "", "", "", "", "",
                        decimal(memberTotals.total().amount()), memberTotals.currency(), "");
            }
            for (ReportLine line : member.lines()) {
                row(csv, period.label(), "LINE", text(line.memberId()), text(line.planId()),
                        line.planVersion() == null ? "" : line.planVersion().toString(), Integer.toString(line.lineNo()),
                        line.component().name(), text(line.rule()),
                        line.basis() == null ? "" : decimal(line.basis().amount()),
                        line.basis() == null ? "" : line.basis().currency(), decimal(line.ratePercent()),
                        decimal(line.attainmentPercent()), decimal(line.amount().amount()), line.amount().currency(),
                        text(line.explanation()));
            }
        }
        for (Money sum : totals.totals()) {
            row(csv, period.label(), "PERIOD_TOTAL", "", "", "", "", "", "", "", "", "", "", decimal(sum.amount()),
                    sum.currency(), "");
        }
        csv.flush();
    }

    private static void row(Writer csv, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(escape(fields[i]));
        }
        csv.write(CRLF);
    }

    /** RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside it are doubled. */
    static String escape(String field) {
        if (field == null || field.isEmpty()) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Free text, defused against formula injection (see the class comment). */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
