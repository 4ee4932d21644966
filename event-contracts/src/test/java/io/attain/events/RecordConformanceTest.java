package io.attain.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events built the way producers build them, through the records, in the variants the examples do not
 * show; each must conform to its schema, so the schemas are not stricter than the domain.
 */
class RecordConformanceTest {

    private static final UUID COMPANY = UUID.fromString("0b6f3c1e-5a7d-4c2b-9e1f-2a3b4c5d6e70");
    private static final UUID KEY_ACCOUNTS = UUID.fromString("1c7e2d3f-6b8a-4d9c-8f0e-3b4c5d6e7f81");
    private static final String ZHANG_WEI = "7d3f9a2e-1b4c-4e8f-a6d5-9c0b1e2f3a47";
    private static final String LI_NA = "4a8e6c1d-2f3b-4a5c-9d7e-8f1a2b3c4d59";
    private static final Instant NOW = Instant.parse("2025-05-06T02:00:00.123456Z");

    @Test
    void dealCreatedThroughTheApiWithoutOptionalFields() {
        DealSnapshot deal = deal(0, "LEAD", null, null, Money.of("1100000.00", "CNY"), Money.zero("CNY"));

        assertConforms(EventTypes.DEAL_CREATED,
                new DealEvent(deal.id(), deal.version(), NOW, ZHANG_WEI, null, null, null, deal));
    }

    @Test
    void lostDealReopened() {
        DealSnapshot deal = deal(9, "NEGOTIATION", null, null, Money.of("1100000.00", "CNY"), Money.zero("CNY"));

        assertConforms(EventTypes.DEAL_STAGE_CHANGED,
                new DealEvent(deal.id(), deal.version(), NOW, LI_NA, "LOST", List.of(), null, deal));
    }

    @Test
    void finalPaymentCompletesCollection() {
        Instant wonAt = Instant.parse("2025-06-20T07:30:00Z");
        DealSnapshot deal = deal(10, "COLLECTED", wonAt, wonAt, Money.of("1100000.00", "CNY"), Money.of("1100000.00", "CNY"));
        PaymentChange payment = new PaymentChange(UUID.randomUUID(), Money.of("660000.00", "CNY"),
                LocalDate.parse("2025-09-30"), false, null);

        assertConforms(EventTypes.DEAL_PAYMENT_RECORDED,
                new DealEvent(deal.id(), deal.version(), NOW, ZHANG_WEI, null, List.of(), payment, deal));
    }

    @Test
    void dealInACurrencyWithoutMinorUnits() {
        DealSnapshot deal = deal(3, "PROPOSAL", null, null, Money.of("15000000", "JPY"), Money.zero("JPY"));

        assertConforms(EventTypes.DEAL_UPDATED,
                new DealEvent(deal.id(), deal.version(), NOW, ZHANG_WEI, null, List.of("amount", "expectedCloseDate"), null, deal));
    }

    @Test
    void countTargetPublishedAndAdjusted() {
        TargetEvent.TargetScope scope = new TargetEvent.TargetScope(KEY_ACCOUNTS, ZHANG_WEI, Map.of("region", "华东"));
        UUID target = UUID.randomUUID();

        assertConforms(EventTypes.TARGET_PUBLISHED, new TargetEvent(target, 1, null, "VISITS",
                LocalDate.parse("2025-04-01"), LocalDate.parse("2025-06-30"), scope, null, new BigDecimal("120"),
                null, null, null, LI_NA, NOW));
        assertConforms(EventTypes.TARGET_ADJUSTED, new TargetEvent(target, 2, null, "VISITS",
                LocalDate.parse("2025-04-01"), LocalDate.parse("2025-06-30"), scope, null, new BigDecimal("150"),
                null, new BigDecimal("120"), "新增华东重点客户拜访计划", LI_NA, NOW));
    }

    @Test
    void rateTargetForATeam() {
        TargetEvent.TargetScope scope = new TargetEvent.TargetScope(KEY_ACCOUNTS, null,
                Map.of("customerTier", "KA", "newCustomer", "false"));

        assertConforms(EventTypes.TARGET_PUBLISHED, new TargetEvent(UUID.randomUUID(), 1, UUID.randomUUID(),
                "RENEWAL_RATE", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"), scope, null,
                new BigDecimal("92.5"), null, null, null, LI_NA, NOW));
    }

    @Test
    void rootOrgUnitWithoutManager() {
        assertConforms(EventTypes.ORG_UNIT_CHANGED,
                new OrgUnitEvent(COMPANY, 0, "华信科技有限公司", "COMPANY", null, List.of(COMPANY), null, true, NOW));
    }

    @Test
    void closedTeam() {
        UUID team = UUID.randomUUID();

        assertConforms(EventTypes.ORG_UNIT_CHANGED, new OrgUnitEvent(team, 4, "大客户部华东组", "TEAM", KEY_ACCOUNTS,
                List.of(COMPANY, KEY_ACCOUNTS, team), LI_NA, false, NOW));
    }

    @Test
    void endedMembershipWithoutEmail() {
        assertConforms(EventTypes.MEMBERSHIP_CHANGED, new MembershipEvent(LI_NA, 3, "李娜", null, KEY_ACCOUNTS,
                List.of(COMPANY, KEY_ACCOUNTS), "MANAGER", LocalDate.parse("2024-01-01"),
                LocalDate.parse("2025-03-31"), NOW));
    }

    private static DealSnapshot deal(long version, String stage, Instant wonAt, Instant closedAt, Money amount,
                                     Money collected) {
        return new DealSnapshot(UUID.randomUUID(), version, "华南零售连锁门店系统", null, ZHANG_WEI, amount, "B",
                null, null, null, true, null, stage, 40, "PIPELINE",
                List.of(new CreditSplit(ZHANG_WEI, new BigDecimal("100.00"))), collected,
                Instant.parse("2025-04-01T00:00:00Z"), wonAt, closedAt, null);
    }

    private static void assertConforms(String type, Object event) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertThat(EventSchemas.violations(type, json)).as(json).isEmpty();
    }
}
