package io.attain.incentive.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;

import static io.attain.incentive.reports.ReportFixtures.CLOSED_Q2;
import static io.attain.incentive.reports.ReportFixtures.TRICKY_EXPLANATION;
import static org.assertj.core.api.Assertions.assertThat;

class JsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldWriteThePeriodEachMembersTotalsAndLinesAndTheSummary() throws IOException {
        JsonNode report = MAPPER.readTree(write());

        assertThat(report.at("/period/id").asText()).isEqualTo(CLOSED_Q2.id().toString());
        assertThat(report.at("/period/label").asText()).isEqualTo("2025-Q2");
        assertThat(report.at("/period/start").asText()).isEqualTo("2025-04-01");
        assertThat(report.at("/period/end").asText()).isEqualTo("2025-06-30");
        assertThat(report.at("/period/status").asText()).isEqualTo("CLOSED");
        assertThat(report.at("/period/closedAt").asText()).isEqualTo("2025-07-03T09:00:00Z");

        JsonNode wang = report.at("/members/0");
        assertThat(wang.get("memberId").asText()).isEqualTo("rep-wang");
        assertThat(wang.at("/totals/0/currency").asText()).isEqualTo("CNY");
        assertThat(wang.at("/totals/0/components/TIER/amount").asText()).isEqualTo("16500.00");
        assertThat(wang.at("/totals/0/components/CLAWBACK/amount").asText()).isEqualTo("-1234.56");
        assertThat(wang.at("/totals/0/components").has("GATE")).isFalse();
        assertThat(wang.at("/totals/0/total/amount").asText()).isEqualTo("16765.44");
        assertThat(wang.at("/totals/0/total/amount").isTextual()).as("money is never a JSON number").isTrue();
        assertThat(wang.at("/lines")).hasSize(3);
        assertThat(wang.at("/lines/0/lineNo").asInt()).isEqualTo(1);
        assertThat(wang.at("/lines/0/planId").asText()).isEqualTo("plan-east");
        assertThat(wang.at("/lines/0/planVersion").asInt()).isEqualTo(3);
        assertThat(wang.at("/lines/0/component").asText()).isEqualTo("TIER");
        assertThat(wang.at("/lines/0/rule").asText()).isEqualTo("tier:100");
        assertThat(wang.at("/lines/0/basis/amount").asText()).isEqualTo("1100000.00");
        assertThat(wang.at("/lines/0/ratePercent").asText()).isEqualTo("1.5");
        assertThat(wang.at("/lines/0/attainmentPercent").asText()).isEqualTo("110.00");
        assertThat(wang.at("/lines/0/amount/amount").asText()).isEqualTo("16500.00");
        assertThat(wang.at("/lines/0/explanation").asText()).isEqualTo(TRICKY_EXPLANATION);
        assertThat(wang.at("/lines/2/basis").isNull()).isTrue();
        assertThat(wang.at("/lines/2/ratePercent").isNull()).isTrue();

        JsonNode sato = report.at("/members/2");
        assertThat(sato.at("/totals")).hasSize(2);
        assertThat(sato.at("/totals/0/total/amount").asText()).isEqualTo("180000");
        assertThat(sato.at("/totals/0/total/currency").asText()).isEqualTo("JPY");
        assertThat(sato.at("/totals/1/total/amount").asText()).isEqualTo("12345678901234567.89");

        assertThat(report.at("/summary/members").asInt()).isEqualTo(3);
        assertThat(report.at("/summary/lines").asInt()).isEqualTo(7);
        assertThat(report.at("/summary/totals/0/amount").asText()).isEqualTo("12345678901251333.33");
        assertThat(report.at("/summary/totals/0/currency").asText()).isEqualTo("CNY");
        assertThat(report.at("/summary/totals/1/amount").asText()).isEqualTo("180000");
    }

    @Test
    void shouldWriteAnEmptyReportForAPeriodWithoutStatements() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter().write(CLOSED_Q2, Collections.emptyIterator(), out);
        JsonNode report = MAPPER.readTree(out.toByteArray());
        assertThat(report.get("members")).isEmpty();
        assertThat(report.at("/summary/members").asInt()).isZero();
        assertThat(report.at("/summary/totals")).isEmpty();
    }

    @Test
    void shouldWriteTheSameBytesEveryTime() throws IOException {
        assertThat(write()).isEqualTo(write());
    }

    private static byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter().write(CLOSED_Q2, ReportFixtures.lines().iterator(), out);
        return out.toByteArray();
    }
}
