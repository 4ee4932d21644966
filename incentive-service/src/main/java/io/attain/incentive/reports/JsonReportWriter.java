package io.attain.incentive.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The report as one JSON document, written token by token so that it never sits in memory whole:
 * <pre>
 * {"period": {id, label, start, end, status, closedAt},
 *  "members": [{memberId, totals: [{currency, components: {TIER: Money, ...}, total: Money}], lines: [...]}],
 *  "summary": {members, lines, totals: [Money]}}
 * </pre>
 * Money is {@code {"amount": "16500.00", "currency": "CNY"}} as everywhere in the API, percentages are decimal
 * strings: no amount ever passes through a binary floating-point number.
 */
public final class JsonReportWriter implements PeriodReportWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @Override
    public ReportFormat format() {
        return ReportFormat.JSON;
    }

    @Override
    public void write(ReportPeriod period, Iterator<ReportLine> lines, OutputStream out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeObjectFieldStart("period");
        json.writeStringField("id", period.id().toString());
        json.writeStringField("label", period.label());
        json.writeStringField("start", period.start().toString());
        json.writeStringField("end", period.end().toString());
        json.writeStringField("status", period.status());
        nullableString(json, "closedAt", period.closedAt() == null ? null : period.closedAt().toString());
        json.writeEndObject();

        PeriodTotals totals = new PeriodTotals();
        json.writeArrayFieldStart("members");
        MemberReports members = new MemberReports(lines);
        while (members.hasNext()) {
            MemberReport member = members.next();
            totals.add(member);
            writeMember(json, member);
        }
        json.writeEndArray();

        json.writeObjectFieldStart("summary");
        json.writeNumberField("members", totals.members());
        json.writeNumberField("lines", totals.lines());
        json.writeArrayFieldStart("totals");
        for (Money sum : totals.totals()) {
            money(json, sum);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    private static void writeMember(JsonGenerator json, MemberReport member) throws IOException {
        json.writeStartObject();
        json.writeStringField("memberId", member.memberId());
        json.writeArrayFieldStart("totals");
        for (MemberTotals memberTotals : member.totals()) {
            json.writeStartObject();
            json.writeStringField("currency", memberTotals.currency());
            json.writeObjectFieldStart("components");
            for (Map.Entry<CommissionComponent, Money> component : memberTotals.byComponent().entrySet()) {
                json.writeFieldName(component.getKey().name());
                money(json, component.getValue());
            }
            json.writeEndObject();
            json.writeFieldName("total");
            money(json, memberTotals.total());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("lines");
        for (ReportLine line : member.lines()) {
            json.writeStartObject();
            json.writeNumberField("lineNo", line.lineNo());
            nullableString(json, "planId", line.planId());
            if (line.planVersion() == null) {
                json.writeNullField("planVersion");
            } else {
                json.writeNumberField("planVersion", line.planVersion());
            }
            json.writeStringField("component", line.component().name());
            json.writeStringField("rule", line.rule());
            json.writeFieldName("basis");
            if (line.basis() == null) {
                json.writeNull();
            } else {
                money(json, line.basis());
            }
            decimal(json, "ratePercent", line.ratePercent());
            decimal(json, "attainmentPercent", line.attainmentPercent());
            json.writeFieldName("amount");
            money(json, line.amount());
            json.writeStringField("explanation", line.explanation());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void money(JsonGenerator json, Money money) throws IOException {
        json.writeStartObject();
        json.writeStringField("amount", money.amount().toPlainString());
        json.writeStringField("currency", money.currency());
        json.writeEndObject();
    }

    private static void decimal(JsonGenerator json, String field, BigDecimal value) throws IOException {
        nullableString(json, field, value == null ? null : value.toPlainString());
    }

    private static void nullableString(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }
}
