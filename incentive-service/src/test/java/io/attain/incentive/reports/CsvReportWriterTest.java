package io.attain.incentive.reports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.attain.incentive.reports.ReportFixtures.CLOSED_Q2;
import static io.attain.incentive.reports.ReportFixtures.TRICKY_EXPLANATION;
import static io.attain.incentive.reports.ReportFixtures.WANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReportWriterTest {

    @Test
    void shouldQuoteOnlyFieldsThatNeedItAndDoubleTheirQuotes() {
        assertThat(CsvReportWriter.escape("plain")).isEqualTo("plain");
        assertThat(CsvReportWriter.escape("")).isEmpty();
        assertThat(CsvReportWriter.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReportWriter.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReportWriter.escape("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvReportWriter.escape("cr\ronly")).isEqualTo("\"cr\ronly\"");
        assertThat(CsvReportWriter.escape("中文，全角逗号")).isEqualTo("中文，全角逗号");
    }

    @Test
    void shouldDefuseTextASpreadsheetWouldRunAsAFormula() {
        assertThat(CsvReportWriter.text("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
        assertThat(CsvReportWriter.text("+1")).isEqualTo("'+1");
        assertThat(CsvReportWriter.text("-1")).isEqualTo("'-1");
        assertThat(CsvReportWriter.text("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvReportWriter.text("tier:100")).isEqualTo("tier:100");
    }

    @Test
    void shouldWriteOneRfc4180TableWithTotalsBeforeEachMembersLines() throws IOException {
        String csv = write();

        assertThat(csv).endsWith("\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows.getFirst()).containsExactly(CsvReportWriter.HEADER);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(CsvReportWriter.HEADER.length));
        List<String> records = rows.stream().skip(1).map(row -> row.get(0) + "|" + row.get(1) + "|" + row.get(2)
                + "|" + row.get(6)).toList();
        assertThat(records).containsExactly(
                "2025-Q2|MEMBER_TOTAL|rep-wang|TIER", "2025-Q2|MEMBER_TOTAL|rep-wang|MULTIPLIER",
                "2025-Q2|MEMBER_TOTAL|rep-wang|CLAWBACK", "2025-Q2|MEMBER_TOTAL|rep-wang|",
                "2025-Q2|LINE|rep-wang|TIER", "2025-Q2|LINE|rep-wang|MULTIPLIER", "2025-Q2|LINE|rep-wang|CLAWBACK",
                "2025-Q2|MEMBER_TOTAL|rep-li|TIER", "2025-Q2|MEMBER_TOTAL|rep-li|GATE", "2025-Q2|MEMBER_TOTAL|rep-li|",
                "2025-Q2|LINE|rep-li|TIER", "2025-Q2|LINE|rep-li|GATE",
                "2025-Q2|MEMBER_TOTAL|rep-sato|TIER", "2025-Q2|MEMBER_TOTAL|rep-sato|",
                "2025-Q2|MEMBER_TOTAL|rep-sato|SPIFF", "2025-Q2|MEMBER_TOTAL|rep-sato|",
                "2025-Q2|LINE|rep-sato|TIER", "2025-Q2|LINE|rep-sato|SPIFF",
                "2025-Q2|PERIOD_TOTAL||", "2025-Q2|PERIOD_TOTAL||");
    }

    @Test
    void shouldKeepAmountsExactWithTheirCurrencyBeside() throws IOException {
        List<List<String>> rows = parse(write());
        Map<String, Integer> column = columns();

        List<String> wangTotal = rows.get(4);
        assertThat(wangTotal.get(column.get("amount"))).isEqualTo("16765.44");
        assertThat(wangTotal.get(column.get("currency"))).isEqualTo("CNY");
        List<String> wangTier = rows.get(5);
        assertThat(wangTier.get(column.get("basis"))).isEqualTo("1100000.00");
        assertThat(wangTier.get(column.get("basis_currency"))).isEqualTo("CNY");
        assertThat(wangTier.get(column.get("rate_percent"))).isEqualTo("1.5");
        assertThat(wangTier.get(column.get("attainment_percent"))).isEqualTo("110.00");
        assertThat(wangTier.get(column.get("plan_id"))).isEqualTo("plan-east");
        assertThat(wangTier.get(column.get("plan_version"))).isEqualTo("3");
        assertThat(wangTier.get(column.get("line_no"))).isEqualTo("1");
        assertThat(wangTier.get(column.get("explanation"))).isEqualTo(TRICKY_EXPLANATION);
        List<String> clawback = rows.get(7);
        assertThat(clawback.get(column.get("amount"))).as("a negative number is not defused").isEqualTo("-1234.56");
        assertThat(clawback.get(column.get("rule"))).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(clawback.get(column.get("explanation"))).isEqualTo("'-takes back what was paid on c-17");
        assertThat(clawback.get(column.get("basis"))).isEmpty();
        assertThat(rows.get(17).get(column.get("amount"))).isEqualTo("180000");
        assertThat(rows.get(17).get(column.get("currency"))).isEqualTo("JPY");
        assertThat(rows.get(18).get(column.get("amount"))).isEqualTo("12345678901234567.89");
        assertThat(rows.get(19).subList(12, 14)).containsExactly("12345678901251333.33", "CNY");
        assertThat(rows.get(20).subList(12, 14)).containsExactly("180000", "JPY");
    }

    @Test
    void shouldWriteTheSameBytesEveryTime() throws IOException {
        assertThat(write()).isEqualTo(write());
    }

    @Test
    void shouldWriteOnlyTheHeaderAndNoTotalsForAnEmptyPeriod() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReportWriter().write(CLOSED_Q2, Collections.emptyIterator(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(",", CsvReportWriter.HEADER) + "\r\n");
    }

    @Test
    void shouldRefuseLinesNotGroupedByMember() {
        List<ReportLine> lines = ReportFixtures.lines();
        List<ReportLine> shuffled = List.of(lines.get(0), lines.get(3), lines.get(1));
        assertThatThrownBy(() -> new CsvReportWriter().write(CLOSED_Q2, shuffled.iterator(), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(WANG);
    }

    private static String write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvReportWriter().write(CLOSED_Q2, ReportFixtures.lines().iterator(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> columns() {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < CsvReportWriter.HEADER.length; i++) {
            columns.put(CsvReportWriter.HEADER[i], i);
        }
        return columns;
    }

    /** A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything, quotes are doubled. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = csv.charAt(i);
                    if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
                char after = csv.charAt(i);
                assertThat(after == ',' || after == '\r').as("a quoted field ends at a separator").isTrue();
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertThat(csv.charAt(i + 1)).as("records end in CRLF").isEqualTo('\n');
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("a bare line feed or quote inside an unquoted field").isNotIn('\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(row).as("nothing after the last CRLF").isEmpty();
        return rows;
    }
}
