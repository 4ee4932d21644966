package io.attain.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How the records look on the wire beyond what the examples show. */
class EventJsonTest {

    private static final String ZHANG_WEI = "7d3f9a2e-1b4c-4e8f-a6d5-9c0b1e2f3a47";

    @Test
    void derivedPropertiesAreNotWritten() throws Exception {
        DealEvent event = EventJson.mapper().readValue(EventSchemas.example(EventTypes.DEAL_STAGE_CHANGED), DealEvent.class);

        JsonNode written = EventJson.mapper().valueToTree(event);

        assertThat(event.deal().isBooked()).isTrue();
        assertThat(written.path("deal").has("booked")).isFalse();
        assertThat(written.path("deal").path("amount").properties()).extracting(Map.Entry::getKey)
                .containsExactly("amount", "currency");
    }

    @Test
    void datesAndInstantsAreIsoStrings() throws Exception {
        MembershipEvent event = new MembershipEvent(ZHANG_WEI, 1, "张伟", null, UUID.randomUUID(), List.of(),
                "REP", LocalDate.of(2025, 1, 1), null, Instant.parse("2025-01-02T01:30:00.250Z"));

        JsonNode written = EventJson.mapper().valueToTree(event);

        assertThat(written.path("effectiveFrom").asText()).isEqualTo("2025-01-01");
        assertThat(written.path("occurredAt").asText()).isEqualTo("2025-01-02T01:30:00.250Z");
    }

    @Test
    void percentsAndQuantitiesArePlainDecimalStrings() throws Exception {
        CreditSplit split = new CreditSplit(ZHANG_WEI, new BigDecimal("1E+2"));
        TargetEvent target = new TargetEvent(UUID.randomUUID(), 1, null, "LEADS", LocalDate.parse("2025-04-01"),
                LocalDate.parse("2025-04-30"), new TargetEvent.TargetScope(UUID.randomUUID(), ZHANG_WEI, null),
                null, new BigDecimal("2E+2"), null, null, null, ZHANG_WEI, Instant.parse("2025-03-25T01:00:00Z"));

        assertThat(EventJson.mapper().valueToTree(split).path("percent").asText()).isEqualTo("100");
        assertThat(EventJson.mapper().valueToTree(target).path("quantity").asText()).isEqualTo("200");
        assertThat(EventSchemas.violations(EventTypes.TARGET_PUBLISHED, EventJson.mapper().writeValueAsString(target)))
                .isEmpty();
    }

    @Test
    void absentCollectionsReadAsEmpty() throws Exception {
        DealEvent event = EventJson.mapper().readValue("""
                {"dealId":"3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9","version":1,"occurredAt":"2025-04-08T02:15:00Z",
                 "actor":"crm-salesforce","deal":{"id":"3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9","version":1}}""",
                DealEvent.class);

        assertThat(event.changedFields()).isEmpty();
        assertThat(event.deal().splits()).isEmpty();
    }

    @Test
    void targetDimensionsAreWrittenInNameOrder() throws Exception {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("region", "华东");
        dimensions.put("customerTier", "KA");
        dimensions.put("productLine", "A");

        TargetEvent.TargetScope scope = new TargetEvent.TargetScope(UUID.randomUUID(), null, dimensions);

        assertThat(scope.dimensions().keySet()).containsExactly("customerTier", "productLine", "region");
        assertThat(EventJson.mapper().writeValueAsString(scope))
                .contains("{\"customerTier\":\"KA\",\"productLine\":\"A\",\"region\":\"华东\"}");
    }

    @Test
    void previousQuantityOfACountTargetSurvivesJson() throws Exception {
        TargetEvent adjusted = new TargetEvent(UUID.randomUUID(), 3, null, "DEMOS", LocalDate.parse("2025-04-01"),
                LocalDate.parse("2025-06-30"), new TargetEvent.TargetScope(UUID.randomUUID(), ZHANG_WEI, Map.of()),
                null, new BigDecimal("18"), null, new BigDecimal("15"), "产品线 B 新品上市，增加演示次数", ZHANG_WEI,
                Instant.parse("2025-05-06T02:00:00Z"));

        String json = EventJson.mapper().writeValueAsString(adjusted);

        assertThat(EventJson.mapper().readValue(json, TargetEvent.class)).isEqualTo(adjusted);
        assertThat(EventSchemas.violations(EventTypes.TARGET_ADJUSTED, json)).isEmpty();
    }

    @Test
    void constructorWithoutPreviousQuantityStillBuildsTargets() {
        TargetEvent event = new TargetEvent(UUID.randomUUID(), 2, null, "REVENUE", LocalDate.parse("2025-04-01"),
                LocalDate.parse("2025-06-30"), new TargetEvent.TargetScope(UUID.randomUUID(), null, Map.of()),
                Money.of("2200000.00", "CNY"), null, Money.of("2000000.00", "CNY"), "上调", ZHANG_WEI,
                Instant.parse("2025-05-06T02:00:00Z"));

        assertThat(event.previousQuantity()).isNull();
        assertThat(event.previousValue()).isEqualTo(Money.of("2000000.00", "CNY"));
        assertThat(event.reason()).isEqualTo("上调");
    }
}
