package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report as an Excel workbook with three sheets: {@code Totals} (a member per row, a column per component,
 * then the statement total), {@code Lines} (every line) and {@code Period} (what the report covers and the
 * period's totals per currency). Written with POI's streaming workbook: only a window of rows is in memory,
 * the rest goes to compressed temporary files until the workbook is zipped into the response.
 *
 * <p>Amounts and percentages are numeric cells, shown with the currency's decimals, and the currency has its own
 * column, so that finance can add them up. An Excel number holds 15 significant digits; a value with more (above
 * ten trillion with cents) is written as its exact decimal text instead of being rounded silently.
 *
 * <p>The bytes depend on the lines and the period only: the zip entries carry a fixed time and the document's
 * creation date is the period's closing time (absent while the period is open).
 */
public final class XlsxReportWriter implements PeriodReportWriter {

    /** Excel's precision: a decimal with at most this many significant digits survives a double exactly. */
    static final int EXACT_DIGITS = 15;
    static final List<String> TOTALS_HEADER = totalsHeader();
    static final List<String> LINES_HEADER = List.of("Member", "Plan", "Plan version", "Line", "Component", "Rule",
            "Basis", "Basis currency", "Rate %", "Attainment %", "Amount", "Currency", "Explanation");
    /** 2000-01-01T00:00:00Z: any fixed instant inside the zip format's date range. */
    private static final long ZIP_ENTRY_TIME = 946_684_800_000L;
    private static final int ROWS_IN_MEMORY = 200;

    @Override
    public ReportFormat format() {
        return ReportFormat.XLSX;
    }

    @Override
    public void write(ReportPeriod period, Iterator<ReportLine> lines, OutputStream out) throws IOException {
        ReproducibleWorkbook workbook = new ReproducibleWorkbook();
        try {
            workbook.setCompressTempFiles(true);
            workbook.getXSSFWorkbook().getProperties().getCoreProperties()
                    .setCreated(Optional.ofNullable(period.closedAt()).map(Date::from));
            Styles styles = new Styles(workbook);
            SXSSFSheet totalsSheet = workbook.createSheet("Totals");
            SXSSFSheet linesSheet = workbook.createSheet("Lines");
            SXSSFSheet periodSheet = workbook.createSheet("Period");
            header(totalsSheet, TOTALS_HEADER, styles);
            header(linesSheet, LINES_HEADER, styles);

            PeriodTotals totals = new PeriodTotals();
            int totalsRow = 1;
            int linesRow = 1;
            MemberReports members = new MemberReports(lines);
            while (members.hasNext()) {
                MemberReport member = members.next();
                totals.add(member);
                for (MemberTotals memberTotals : member.totals()) {
                    Row row = totalsSheet.createRow(totalsRow++);
                    text(row, 0, member.memberId());
                    text(row, 1, memberTotals.currency());
                    int column = 2;
                    for (CommissionComponent component : CommissionComponent.values()) {
                        amount(row, column++, memberTotals.of(component), styles);
                    }
                    amount(row, column, memberTotals.total(), styles);
                }
                for (ReportLine line : member.lines()) {
                    Row row = linesSheet.createRow(linesRow++);
                    text(row, 0, line.memberId());
                    text(row, 1, line.planId());
                    if (line.planVersion() != null) {
                        row.createCell(2).setCellValue(line.planVersion());
                    }
                    row.createCell(3).setCellValue(line.lineNo());
                    text(row, 4, line.component().name());
                    text(row, 5, line.rule());
                    if (line.basis() != null) {
                        amount(row, 6, line.basis(), styles);
                        text(row, 7, line.basis().currency());
                    }
                    decimal(row, 8, line.ratePercent(), styles.percent);
                    decimal(row, 9, line.attainmentPercent(), styles.percent);
                    amount(row, 10, line.amount(), styles);
                    text(row, 11, line.amount().currency());
                    text(row, 12, line.explanation());
                }
            }
            writePeriod(periodSheet, period, totals, styles);
            workbook.write(CloseShieldOutputStream.wrap(out));
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }

    private static void writePeriod(Sheet sheet, ReportPeriod period, PeriodTotals totals, Styles styles) {
        int r = 0;
        r = pair(sheet, r, "Period id", period.id().toString());
        r = pair(sheet, r, "Period", period.label());
        r = pair(sheet, r, "Start", period.start().toString());
        r = pair(sheet, r, "End", period.end().toString());
        r = pair(sheet, r, "Status", period.status());
        r = pair(sheet, r, "Closed at", period.closedAt() == null ? "" : period.closedAt().toString());
        Row members = sheet.createRow(r++);
        text(members, 0, "Members");
        members.createCell(1).setCellValue(totals.members());
        Row lineCount = sheet.createRow(r++);
        text(lineCount, 0, "Lines");
        lineCount.createCell(1).setCellValue(totals.lines());
        for (Money sum : totals.totals()) {
            Row row = sheet.createRow(r++);
            text(row, 0, "Total");
            amount(row, 1, sum, styles);
            text(row, 2, sum.currency());
        }
    }

    private static int pair(Sheet sheet, int r, String name, String value) {
        Row row = sheet.createRow(r);
        text(row, 0, name);
        text(row, 1, value);
        return r + 1;
    }

    private static void header(SXSSFSheet sheet, List<String> names, Styles styles) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(names.get(i));
            cell.setCellStyle(styles.header);
        }
        sheet.createFreezePane(0, 1);
    }

    private static void text(Row row, int column, String value) {
        if (value != null && !value.isEmpty()) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void amount(Row row, int column, Money money, Styles styles) {
        decimal(row, column, money.amount(), styles.amount(Money.minorUnits(money.currency())));
    }

    private static void decimal(Row row, int column, BigDecimal value, CellStyle style) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value.precision() <= EXACT_DIGITS) {
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        } else {
            cell.setCellValue(value.toPlainString());
        }
    }

    private static List<String> totalsHeader() {
        List<String> names = new ArrayList<>(List.of("Member", "Currency"));
        for (CommissionComponent component : CommissionComponent.values()) {
            names.add(component.name());
        }
        names.add("Total");
        return List.copyOf(names);
    }

    /** Cell styles are workbook-wide and limited in number: one per kind, made once. */
    private static final class Styles {
        private final SXSSFWorkbook workbook;
        private final CellStyle header;
        private final CellStyle percent;
        private final Map<Integer, CellStyle> amountByScale = new HashMap<>();

        Styles(SXSSFWorkbook workbook) {
            this.workbook = workbook;
            this.header = workbook.createCellStyle();
            var bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            this.percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.00##"));
        }

        CellStyle amount(int scale) {
            return amountByScale.computeIfAbsent(scale, s -> {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(s == 0 ? "#,##0" : "#,##0." + "0".repeat(s)));
                return style;
            });
        }
    }

    /** A streaming workbook whose zip entries all carry the same time, so equal content gives equal bytes. */
    private static final class ReproducibleWorkbook extends SXSSFWorkbook {

        ReproducibleWorkbook() {
            super(ROWS_IN_MEMORY);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out) {
                @Override
                public void putArchiveEntry(ZipArchiveEntry entry) throws IOException {
                    entry.setTime(ZIP_ENTRY_TIME);
                    super.putArchiveEntry(entry);
                }
            };
            zip.setUseZip64(zip64Mode);
            return zip;
        }
    }
}
