package io.attain.incentive.reports;

import io.attain.incentive.domain.commission.CommissionComponent;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static io.attain.incentive.reports.ReportFixtures.CLOSED_Q2;
import static io.attain.incentive.reports.ReportFixtures.TRICKY_EXPLANATION;
import static org.assertj.core.api.Assertions.assertThat;

class XlsxReportWriterTest {

    @Test
    void shouldWriteTotalsLinesAndPeriodSheets() throws IOException {
        try (XSSFWorkbook workbook = read(write(ReportFixtures.lines().iterator()))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("Totals", "Lines", "Period");

            Sheet totals = workbook.getSheet("Totals");
            assertThat(texts(totals.getRow(0))).containsExactlyElementsOf(XlsxReportWriter.TOTALS_HEADER);
            assertThat(totals.getLastRowNum()).as("wang, li, sato in JPY, sato in CNY").isEqualTo(4);
            Row wang = totals.getRow(1);
            assertThat(wang.getCell(0).getStringCellValue()).isEqualTo("rep-wang");
            assertThat(wang.getCell(1).getStringCellValue()).isEqualTo("CNY");
            assertThat(decimal(wang.getCell(column(CommissionComponent.TIER)))).isEqualByComparingTo("16500.00");
            assertThat(decimal(wang.getCell(column(CommissionComponent.CLAWBACK)))).isEqualByComparingTo("-1234.56");
            assertThat(decimal(wang.getCell(column(CommissionComponent.GATE)))).isEqualByComparingTo("0");
            assertThat(decimal(wang.getCell(XlsxReportWriter.TOTALS_HEADER.size() - 1))).isEqualByComparingTo("16765.44");
            assertThat(wang.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            Row satoYen = totals.getRow(3);
            assertThat(satoYen.getCell(1).getStringCellValue()).isEqualTo("JPY");
            assertThat(decimal(satoYen.getCell(XlsxReportWriter.TOTALS_HEADER.size() - 1))).isEqualByComparingTo("180000");
            assertThat(satoYen.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0");

            Sheet lines = workbook.getSheet("Lines");
            assertThat(texts(lines.getRow(0))).containsExactlyElementsOf(XlsxReportWriter.LINES_HEADER);
            assertThat(lines.getLastRowNum()).isEqualTo(7);
            Row tier = lines.getRow(1);
            assertThat(texts(tier).subList(0, 2)).containsExactly("rep-wang", "plan-east");
            assertThat(tier.getCell(2).getNumericCellValue()).isEqualTo(3);
            assertThat(tier.getCell(3).getNumericCellValue()).isEqualTo(1);
            assertThat(tier.getCell(4).getStringCellValue()).isEqualTo("TIER");
            assertThat(tier.getCell(5).getStringCellValue()).isEqualTo("tier:100");
            assertThat(decimal(tier.getCell(6))).isEqualByComparingTo("1100000.00");
            assertThat(tier.getCell(7).getStringCellValue()).isEqualTo("CNY");
            assertThat(decimal(tier.getCell(8))).isEqualByComparingTo("1.5");
            assertThat(decimal(tier.getCell(9))).isEqualByComparingTo("110.00");
            assertThat(decimal(tier.getCell(10))).isEqualByComparingTo("16500.00");
            assertThat(tier.getCell(11).getStringCellValue()).isEqualTo("CNY");
            assertThat(tier.getCell(12).getStringCellValue()).isEqualTo(TRICKY_EXPLANATION);
            Row clawback = lines.getRow(3);
            assertThat(clawback.getCell(6)).as("no basis").isNull();
            assertThat(clawback.getCell(5).getCellType()).as("a formula-like rule stays text").isEqualTo(CellType.STRING);
            assertThat(decimal(clawback.getCell(10))).isEqualByComparingTo("-1234.56");
            Row huge = lines.getRow(7);
            assertThat(huge.getCell(10).getCellType()).as("beyond 15 digits: exact text, not a rounded number")
                    .isEqualTo(CellType.STRING);
            assertThat(huge.getCell(10).getStringCellValue()).isEqualTo("12345678901234567.89");

            Sheet period = workbook.getSheet("Period");
            assertThat(period.getRow(0).getCell(1).getStringCellValue()).isEqualTo(CLOSED_Q2.id().toString());
            assertThat(period.getRow(1).getCell(1).getStringCellValue()).isEqualTo("2025-Q2");
            assertThat(period.getRow(4).getCell(1).getStringCellValue()).isEqualTo("CLOSED");
            assertThat(period.getRow(6).getCell(1).getNumericCellValue()).isEqualTo(3);
            assertThat(period.getRow(7).getCell(1).getNumericCellValue()).isEqualTo(7);
            assertThat(period.getRow(8).getCell(1).getStringCellValue()).isEqualTo("12345678901251333.33");
            assertThat(period.getRow(8).getCell(2).getStringCellValue()).isEqualTo("CNY");
            assertThat(decimal(period.getRow(9).getCell(1))).isEqualByComparingTo("180000");
            assertThat(workbook.getProperties().getCoreProperties().getCreated().toInstant())
                    .isEqualTo(CLOSED_Q2.closedAt());
        }
    }

    @Test
    void shouldKeepEveryAmountUpToFifteenDigitsExactThroughTheNumericCell() throws IOException {
        List<String> amounts = List.of("0.01", "0.10", "-0.07", "1234567890123.45", "9999999999999.99", "16500.00",
                "13636.36", "0.29", "1.15");
        List<ReportLine> lines = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            lines.add(ReportFixtures.line("rep-" + i, 1, CommissionComponent.TIER, "tier:100", null, null, null,
                    ReportFixtures.money(amounts.get(i), "CNY"), ""));
        }
        try (XSSFWorkbook workbook = read(write(lines.iterator()))) {
            Sheet sheet = workbook.getSheet("Lines");
            for (int i = 0; i < amounts.size(); i++) {
                Cell cell = sheet.getRow(i + 1).getCell(10);
                assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(decimal(cell)).isEqualByComparingTo(amounts.get(i));
            }
        }
    }

    @Test
    void shouldWriteTheSameBytesEveryTime() throws IOException {
        byte[] first = write(ReportFixtures.lines().iterator());
        byte[] second = write(ReportFixtures.lines().iterator());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldStreamAPeriodWithAHundredThousandLines() throws IOException {
        int members = 10_000;
        int linesEach = 10;
        Iterator<ReportLine> generated = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < members * linesEach;
            }

            @Override
            public ReportLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int member = next / linesEach;
                int lineNo = next % linesEach + 1;
                next++;
                return ReportFixtures.line("rep-%05d".formatted(member), lineNo, CommissionComponent.TIER, "tier:100",
                        ReportFixtures.money("100000.00", "CNY"), "1", "100.00", ReportFixtures.money("1000.00", "CNY"),
                        "1% on 100,000.00 CNY");
            }
        };
        CountingStream out = new CountingStream();
        new XlsxReportWriter().write(CLOSED_Q2, generated, out);
        assertThat(out.count).isGreaterThan(100_000);
    }

    static byte[] write(Iterator<ReportLine> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XlsxReportWriter().write(CLOSED_Q2, lines, out);
        return out.toByteArray();
    }

    static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    /** The exact decimal a numeric cell holds: the shortest decimal that reads back as its double. */
    static BigDecimal decimal(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return new BigDecimal(Double.toString(cell.getNumericCellValue()));
    }

    private static int column(CommissionComponent component) {
        return XlsxReportWriter.TOTALS_HEADER.indexOf(component.name());
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : ""));
        return texts;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
