package io.attain.incentive;

import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.attain.incentive.Commissions.assign;
import static io.attain.incentive.Commissions.awaitCredits;
import static io.attain.incentive.Commissions.awaitQuota;
import static io.attain.incentive.Commissions.awaitTotal;
import static io.attain.incentive.Commissions.calculate;
import static io.attain.incentive.Commissions.close;
import static io.attain.incentive.Commissions.member;
import static io.attain.incentive.Commissions.period;
import static io.attain.incentive.Commissions.plan;
import static io.attain.incentive.Commissions.quarterEnd;
import static io.attain.incentive.Commissions.quarterStart;
import static io.attain.incentive.Commissions.quota;
import static io.attain.incentive.Commissions.seedTerms;
import static io.attain.incentive.Commissions.year;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Finance reports of a period from the commission ledger, in JSON, CSV and XLSX: two reps on the seed plan
 * (quota 1,000,000 CNY; 1,100,000 credited pays 16,500.00, 790,000 is below the gate).
 */
@QuarkusTest
class PeriodReportTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldReportEachMembersTotalsByComponentAndEveryLine() throws IOException {
        Quarter quarter = new Quarter();
        calculate(quarter.periodId);

        JsonPath report = finance().when().get(quarter.report()).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();

        assertThat(report.getString("period.id")).isEqualTo(quarter.periodId);
        assertThat(report.getString("period.label")).isEqualTo(quarter.year + "-Q1");
        assertThat(report.getString("period.status")).isEqualTo("CALCULATED");
        List<String> members = report.getList("members.memberId");
        assertThat(members).containsExactlyInAnyOrder(quarter.wang, quarter.li);
        String wang = "members.find { it.memberId == '" + quarter.wang + "' }";
        assertThat(report.getString(wang + ".totals[0].components.TIER.amount")).isEqualTo("16500.00");
        assertThat(report.getString(wang + ".totals[0].total.amount")).isEqualTo("16500.00");
        assertThat(report.getString(wang + ".lines[0].rule")).isEqualTo("tier:100");
        assertThat(report.getString(wang + ".lines[0].planId")).isEqualTo(quarter.planId);
        assertThat(report.getString(wang + ".lines[0].basis.amount")).isEqualTo("1100000.00");
        assertThat(report.getString(wang + ".lines[0].explanation"))
                .isEqualTo("1.5% on 1,100,000.00 CNY because attainment 110.00% reached the 100% tier");
        String li = "members.find { it.memberId == '" + quarter.li + "' }";
        assertThat(report.getList(li + ".lines.component")).containsExactly("TIER", "GATE");
        assertThat(report.getString(li + ".totals[0].total.amount")).isEqualTo("0.00");
        assertThat(report.getString("summary.members")).isEqualTo("2");
        assertThat(report.getString("summary.totals[0].amount")).isEqualTo("16500.00");
    }

    @Test
    void shouldExportCsvAndXlsxByParameterOrByAcceptHeader() throws IOException {
        Quarter quarter = new Quarter();
        calculate(quarter.periodId);

        Response csv = finance().queryParam("format", "csv").when().get(quarter.report());
        csv.then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"commission-report-" + quarter.year + "-Q1.csv\"");
        String text = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("period,record,member_id,plan_id,plan_version,line_no,component,rule,basis,"
                + "basis_currency,rate_percent,attainment_percent,amount,currency,explanation\r\n");
        assertThat(text).contains(quarter.year + "-Q1,LINE," + quarter.wang + "," + quarter.planId + ",1,1,TIER,tier:100,"
                + "1100000.00,CNY,1.5,110.00,16500.00,CNY,\"1.5% on 1,100,000.00 CNY because attainment 110.00% reached the 100% tier\"\r\n");
        assertThat(text).endsWith(quarter.year + "-Q1,PERIOD_TOTAL,,,,,,,,,,,16500.00,CNY,\r\n");
        assertThat(finance().accept("text/csv").when().get(quarter.report()).asByteArray()).isEqualTo(csv.asByteArray());

        Response xlsx = finance().accept(XLSX).when().get(quarter.report());
        xlsx.then().statusCode(200).contentType(XLSX);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            Sheet totals = workbook.getSheet("Totals");
            assertThat(totals.getLastRowNum()).isEqualTo(2);
            Row wang = rowOf(totals, quarter.wang);
            assertThat(wang.getCell(1).getStringCellValue()).isEqualTo("CNY");
            assertThat(wang.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(new BigDecimal(Double.toString(wang.getCell(2).getNumericCellValue()))).isEqualByComparingTo("16500.00");
            Sheet lines = workbook.getSheet("Lines");
            assertThat(lines.getLastRowNum()).isEqualTo(3);
            Row tier = rowOf(lines, quarter.wang);
            assertThat(tier.getCell(5).getStringCellValue()).isEqualTo("tier:100");
            assertThat(new BigDecimal(Double.toString(tier.getCell(10).getNumericCellValue()))).isEqualByComparingTo("16500.00");
            assertThat(tier.getCell(11).getStringCellValue()).isEqualTo("CNY");
        }
        assertThat(finance().queryParam("format", "XLSX").when().get(quarter.report()).asByteArray())
                .as("the same run gives the same workbook").isEqualTo(xlsx.asByteArray());
        finance().accept("application/json;q=0.5, text/csv").when().get(quarter.report())
                .then().statusCode(200).contentType("text/csv");
        finance().accept("*/*").when().get(quarter.report()).then().statusCode(200).contentType("application/json");
    }

    @Test
    void shouldNeverChangeTheReportOfAClosedPeriod() {
        Quarter quarter = new Quarter();
        calculate(quarter.periodId);
        close(quarter.periodId);
        String nextPeriod = period(quarter.year, 2);
        byte[] json = report(quarter, "json");
        byte[] csv = report(quarter, "csv");
        byte[] xlsx = report(quarter, "xlsx");

        // Later events: a deal won on a day of the closed quarter lands in the next open one, which is calculated.
        new Commissions.Deal(quarter.wang, "300000.00").won(quarter.day(3, 20));
        new Commissions.Deal(quarter.li, "100000.00").won(quarter.day(3, 21));
        awaitCredits(quarter.wang, 2);
        awaitCredits(quarter.li, 2);
        calculate(nextPeriod);
        finance().when().post("/api/incentives/periods/" + quarter.periodId + "/calculate").then().statusCode(409);

        assertThat(report(quarter, "json")).isEqualTo(json);
        assertThat(report(quarter, "csv")).isEqualTo(csv);
        assertThat(report(quarter, "xlsx")).isEqualTo(xlsx);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"status\":\"CLOSED\"").doesNotContain("300000");
    }

    @Test
    void shouldGiveAnEmptyReportForAPeriodNeverCalculated() {
        int year = year();
        String periodId = period(year, 1);
        finance().when().get("/api/incentives/periods/" + periodId + "/report").then().statusCode(200)
                .body("members.size()", equalTo(0)).body("summary.members", equalTo(0));
    }

    @Test
    void shouldRefuseBadRequestsWithProblems() {
        String unknown = "/api/incentives/periods/" + UUID.randomUUID() + "/report";
        finance().when().get(unknown).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://attain.io/problems/not-found"));
        finance().accept("text/csv").when().get(unknown).then().statusCode(404).contentType(PROBLEM);
        String periodId = period(year(), 1);
        String path = "/api/incentives/periods/" + periodId + "/report";
        finance().queryParam("format", "pdf").when().get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("format"));
        finance().accept("application/pdf").when().get(path).then().statusCode(406).contentType(PROBLEM);
        finance().when().get("/api/incentives/periods/not-a-uuid/report").then().statusCode(404);
        TestTokens.as(member(), "rep").when().get(path).then().statusCode(403).contentType(PROBLEM);
        TestTokens.as(member(), "manager").when().get(path).then().statusCode(403).contentType(PROBLEM);
        TestTokens.as("admin-1", "admin").when().get(path).then().statusCode(200);
        given().when().get(path).then().statusCode(401);
    }

    private static byte[] report(Quarter quarter, String format) {
        return finance().queryParam("format", format).when().get(quarter.report()).then().statusCode(200).extract()
                .asByteArray();
    }

    private static Row rowOf(Sheet sheet, String memberId) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && memberId.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError(memberId + " not in sheet " + sheet.getSheetName());
    }

    private static RequestSpecification finance() {
        return TestTokens.as("finance-1", "finance");
    }

    /** Wang credited 1,100,000 and Li 790,000 in the first quarter of a year of their own, on the seed plan. */
    static final class Quarter {
        final int year = year();
        final String wang = member();
        final String li = member();
        final String planId = plan(seedTerms("RETROACTIVE", "BOOKED"), quarterStart(year, 1));
        final String periodId;

        Quarter() {
            for (String rep : List.of(wang, li)) {
                assign(planId, rep, quarterStart(year, 1), quarterEnd(year, 4));
                quota(rep, year, 1, "1000000.00");
                awaitQuota(rep, "1000000.00");
            }
            periodId = period(year, 1);
            new Commissions.Deal(wang, "1100000.00").won(day(2, 14));
            new Commissions.Deal(li, "790000.00").won(day(3, 2));
            awaitTotal(wang, periodId, "16500.00");
            awaitCredits(li, 1);
            awaitTotal(li, periodId, "0.00");
        }

        String report() {
            return "/api/incentives/periods/" + periodId + "/report";
        }

        LocalDate day(int month, int day) {
            return LocalDate.of(year, month, day);
        }
    }
}
