package io.attain.events;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules of the contract that JSON Schema cannot state (they relate fields to each other), checked on the
 * examples so that the examples teach them.
 */
class ExampleInvariantsTest {

    static Stream<Named<DealEvent>> dealExamples() {
        return EventTypes.DEAL_EVENTS.stream().map(type -> Named.of(type, read(type, DealEvent.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dealExamples")
    void dealEventDescribesItsSnapshot(DealEvent event) {
        assertThat(event.dealId()).isEqualTo(event.deal().id());
        assertThat(event.version()).isEqualTo(event.deal().version());
        assertThat(event.occurredAt()).isAfterOrEqualTo(event.deal().createdAt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dealExamples")
    void splitsSumToHundredAndNameTheOwner(DealEvent event) {
        BigDecimal total = event.deal().splits().stream().map(CreditSplit::percent).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(total).isEqualByComparingTo("100");
        assertThat(event.deal().splits()).extracting(CreditSplit::memberId).contains(event.deal().ownerId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dealExamples")
    void moneyOfADealIsInTheDealCurrency(DealEvent event) {
        String currency = event.deal().amount().currency();

        assertThat(event.deal().collected().currency()).isEqualTo(currency);
        if (event.payment() != null) {
            assertThat(event.payment().amount().currency()).isEqualTo(currency);
        }
        assertThat(event.deal().collected()).isLessThanOrEqualTo(event.deal().amount());
    }

    @Test
    void stageChangeMovesToAnotherStage() {
        DealEvent event = read(EventTypes.DEAL_STAGE_CHANGED, DealEvent.class);

        assertThat(event.previousStage()).isNotEqualTo(event.deal().stage());
        assertThat(event.deal().isBooked()).isTrue();
    }

    @Test
    void paymentsChangeTheCollectedAmount() {
        DealEvent recorded = read(EventTypes.DEAL_PAYMENT_RECORDED, DealEvent.class);
        DealEvent reversed = read(EventTypes.DEAL_PAYMENT_REVERSED, DealEvent.class);

        assertThat(reversed.payment().reversedPaymentId()).isEqualTo(recorded.payment().paymentId());
        assertThat(recorded.deal().collected().minus(reversed.payment().amount())).isEqualTo(reversed.deal().collected());
        assertThat(reversed.version()).isGreaterThan(recorded.version());
    }

    @Test
    void targetsCoverAPeriodAndAdjustmentsKeepTheOldValue() {
        TargetEvent published = read(EventTypes.TARGET_PUBLISHED, TargetEvent.class);
        TargetEvent adjusted = read(EventTypes.TARGET_ADJUSTED, TargetEvent.class);

        assertThat(published.periodEnd()).isAfter(published.periodStart());
        assertThat(adjusted.periodEnd()).isAfter(adjusted.periodStart());
        assertThat(adjusted.previousValue().currency()).isEqualTo(adjusted.value().currency());
        assertThat(adjusted.previousValue()).isNotEqualTo(adjusted.value());
    }

    @Test
    void orgPathsEndAtTheirUnit() {
        OrgUnitEvent unit = read(EventTypes.ORG_UNIT_CHANGED, OrgUnitEvent.class);
        MembershipEvent membership = read(EventTypes.MEMBERSHIP_CHANGED, MembershipEvent.class);

        assertThat(unit.path().getLast()).isEqualTo(unit.orgUnitId());
        assertThat(unit.path().get(unit.path().size() - 2)).isEqualTo(unit.parentId());
        assertThat(membership.orgUnitPath().getLast()).isEqualTo(membership.orgUnitId());
    }

    private static <T> T read(String type, Class<T> record) {
        try {
            return EventJson.mapper().readValue(EventSchemas.example(type), record);
        } catch (Exception e) {
            throw new AssertionError("example of " + type + " does not read as " + record.getSimpleName(), e);
        }
    }
}
