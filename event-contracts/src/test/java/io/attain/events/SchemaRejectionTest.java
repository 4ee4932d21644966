package io.attain.events;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken variants of the examples: each breaks one rule of the contract and must be rejected. */
class SchemaRejectionTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Nested
    class DealEvents {

        @ParameterizedTest
        @ValueSource(strings = {"/dealId", "/version", "/occurredAt", "/actor", "/changedFields", "/deal",
                "/deal/id", "/deal/amount", "/deal/stage", "/deal/splits", "/deal/collected", "/deal/createdAt",
                "/deal/amount/amount", "/deal/amount/currency"})
        void requiredFieldMissing(String pointer) {
            assertRejected(EventTypes.DEAL_CREATED, without(EventTypes.DEAL_CREATED, pointer));
        }

        @ParameterizedTest
        @ValueSource(strings = {"cny", "CN", "CNYX", "¥", ""})
        void currencyNotThreeCapitals(String currency) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/amount/currency", text(currency)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1,100,000.00", "1.1E6", "1100000.", ".5", "+1100000.00", "01100000.00", "-1100000.00", ""})
        void dealAmountNotAPlainNonNegativeDecimal(String amount) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/amount/amount", text(amount)));
        }

        @Test
        void amountAsJsonNumber() {
            assertRejected(EventTypes.DEAL_CREATED,
                    with(EventTypes.DEAL_CREATED, "/deal/amount/amount", NODES.numberNode(new java.math.BigDecimal("1100000.00"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"WON_PENDING", "won", "CLOSED", ""})
        void unknownStage(String stage) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/stage", text(stage)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"UPSIDE", "commit"})
        void unknownForecastCategory(String category) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/forecastCategory", text(category)));
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 101})
        void probabilityOutsidePercentRange(int probability) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/probability", NODES.numberNode(probability)));
        }

        @ParameterizedTest
        @CsvSource({"/dealId, deal-42", "/deal/accountId, 5b4c3d2e", "/deal/expectedCloseDate, 30/06/2025",
                "/deal/expectedCloseDate, 2025-13-01", "/occurredAt, 2025-04-08 02:15:00",
                "/occurredAt, 2025-04-08T10:15:00+08:00", "/deal/createdAt, 2025-04-08"})
        void malformedIdsDatesAndInstants(String pointer, String value) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, pointer, text(value)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "100.01", "120", "-10", "70%"})
        void splitPercentOutsideZeroExclusiveToHundred(String percent) {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/splits/0/percent", text(percent)));
        }

        @Test
        void noSplits() {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/deal/splits", NODES.arrayNode()));
        }

        @Test
        void externalRefWithoutItsId() {
            assertRejected(EventTypes.DEAL_CREATED, without(EventTypes.DEAL_CREATED, "/deal/external/id"));
        }

        @Test
        void createdWithAPreviousStageOrPayment() {
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/previousStage", text("LEAD")));
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/payment",
                    EventSchemas.exampleTree(EventTypes.DEAL_PAYMENT_RECORDED).path("payment")));
            assertRejected(EventTypes.DEAL_CREATED, with(EventTypes.DEAL_CREATED, "/changedFields", array("amount")));
        }

        @Test
        void stageChangeWithoutPreviousStage() {
            assertRejected(EventTypes.DEAL_STAGE_CHANGED, with(EventTypes.DEAL_STAGE_CHANGED, "/previousStage", NODES.nullNode()));
            assertRejected(EventTypes.DEAL_STAGE_CHANGED, without(EventTypes.DEAL_STAGE_CHANGED, "/previousStage"));
            assertRejected(EventTypes.DEAL_STAGE_CHANGED, with(EventTypes.DEAL_STAGE_CHANGED, "/previousStage", text("DRAFT")));
        }

        @Test
        void wonDealWithoutWonAt() {
            assertRejected(EventTypes.DEAL_STAGE_CHANGED, with(EventTypes.DEAL_STAGE_CHANGED, "/deal/wonAt", NODES.nullNode()));
        }

        @Test
        void updateNamingNoOrUnknownFields() {
            assertRejected(EventTypes.DEAL_UPDATED, with(EventTypes.DEAL_UPDATED, "/changedFields", NODES.arrayNode()));
            assertRejected(EventTypes.DEAL_UPDATED, with(EventTypes.DEAL_UPDATED, "/changedFields", array("amount", "colour")));
            assertRejected(EventTypes.DEAL_UPDATED, with(EventTypes.DEAL_UPDATED, "/changedFields", array("amount", "amount")));
        }

        @Test
        void paymentRecordedWithoutPaymentOrAsReversal() {
            assertRejected(EventTypes.DEAL_PAYMENT_RECORDED, with(EventTypes.DEAL_PAYMENT_RECORDED, "/payment", NODES.nullNode()));
            assertRejected(EventTypes.DEAL_PAYMENT_RECORDED, with(EventTypes.DEAL_PAYMENT_RECORDED, "/payment/reversal", NODES.booleanNode(true)));
            assertRejected(EventTypes.DEAL_PAYMENT_RECORDED, with(EventTypes.DEAL_PAYMENT_RECORDED, "/payment/reversedPaymentId",
                    text("6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.00", "0", "-440000.00"})
        void paymentAmountNotPositive(String amount) {
            assertRejected(EventTypes.DEAL_PAYMENT_RECORDED, with(EventTypes.DEAL_PAYMENT_RECORDED, "/payment/amount/amount", text(amount)));
        }

        @Test
        void paymentOnADealThatIsNotWon() {
            ObjectNode event = with(EventTypes.DEAL_PAYMENT_RECORDED, "/deal/stage", text("NEGOTIATION"));

            assertRejected(EventTypes.DEAL_PAYMENT_RECORDED, event);
        }

        @Test
        void reversalNotNamingThePaymentItReverses() {
            assertRejected(EventTypes.DEAL_PAYMENT_REVERSED, with(EventTypes.DEAL_PAYMENT_REVERSED, "/payment/reversedPaymentId", NODES.nullNode()));
            assertRejected(EventTypes.DEAL_PAYMENT_REVERSED, with(EventTypes.DEAL_PAYMENT_REVERSED, "/payment/reversal", NODES.booleanNode(false)));
        }

        @Test
        void collectedNegative() {
            assertRejected(EventTypes.DEAL_PAYMENT_REVERSED, with(EventTypes.DEAL_PAYMENT_REVERSED, "/deal/collected/amount", text("-440000.00")));
        }
    }

    @Nested
    class TargetEvents {

        @ParameterizedTest
        @ValueSource(strings = {"/targetId", "/metric", "/periodStart", "/periodEnd", "/scope", "/scope/orgUnitId",
                "/scope/dimensions", "/value", "/actor", "/occurredAt"})
        void requiredFieldMissing(String pointer) {
            assertRejected(EventTypes.TARGET_PUBLISHED, without(EventTypes.TARGET_PUBLISHED, pointer));
        }

        @ParameterizedTest
        @ValueSource(strings = {"PROFIT", "revenue", "SALES"})
        void unknownMetric(String metric) {
            assertRejected(EventTypes.TARGET_PUBLISHED, with(EventTypes.TARGET_PUBLISHED, "/metric", text(metric)));
        }

        @Test
        void moneyMetricCarryingAQuantity() {
            assertRejected(EventTypes.TARGET_PUBLISHED, with(EventTypes.TARGET_PUBLISHED, "/quantity", text("3000000")));
        }

        @Test
        void countMetricCarryingMoney() {
            assertRejected(EventTypes.TARGET_PUBLISHED, with(EventTypes.TARGET_PUBLISHED, "/metric", text("VISITS")));
        }

        @Test
        void badCurrencyOnTheValue() {
            assertRejected(EventTypes.TARGET_PUBLISHED, with(EventTypes.TARGET_PUBLISHED, "/value/currency", text("rmb")));
        }

        @Test
        void publishedWithAdjustmentFields() {
            assertRejected(EventTypes.TARGET_PUBLISHED, with(EventTypes.TARGET_PUBLISHED, "/reason", text("上调")));
            assertRejected(EventTypes.TARGET_PUBLISHED, with(EventTypes.TARGET_PUBLISHED, "/previousValue",
                    EventSchemas.exampleTree(EventTypes.TARGET_PUBLISHED).path("value")));
        }

        @Test
        void adjustmentWithoutReasonOrPreviousValue() {
            assertRejected(EventTypes.TARGET_ADJUSTED, with(EventTypes.TARGET_ADJUSTED, "/reason", NODES.nullNode()));
            assertRejected(EventTypes.TARGET_ADJUSTED, with(EventTypes.TARGET_ADJUSTED, "/reason", text("")));
            assertRejected(EventTypes.TARGET_ADJUSTED, with(EventTypes.TARGET_ADJUSTED, "/previousValue", NODES.nullNode()));
            assertRejected(EventTypes.TARGET_ADJUSTED, with(EventTypes.TARGET_ADJUSTED, "/previousQuantity", text("10")));
        }

        @ParameterizedTest
        @CsvSource({"colour, red", "product_line, A", "newCustomer, yes", "region, ''"})
        void unknownDimensionOrValue(String name, String value) {
            ObjectNode event = EventSchemas.exampleTree(EventTypes.TARGET_ADJUSTED).deepCopy();
            ((ObjectNode) event.at("/scope/dimensions")).put(name, value);

            assertRejected(EventTypes.TARGET_ADJUSTED, event);
        }
    }

    @Nested
    class OrgEvents {

        @ParameterizedTest
        @ValueSource(strings = {"DIVISION", "team"})
        void unknownOrgUnitKind(String kind) {
            assertRejected(EventTypes.ORG_UNIT_CHANGED, with(EventTypes.ORG_UNIT_CHANGED, "/kind", text(kind)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/orgUnitId", "/name", "/kind", "/path", "/active", "/occurredAt"})
        void orgUnitFieldMissing(String pointer) {
            assertRejected(EventTypes.ORG_UNIT_CHANGED, without(EventTypes.ORG_UNIT_CHANGED, pointer));
        }

        @Test
        void pathThatDisagreesWithTheParent() {
            JsonNode example = EventSchemas.exampleTree(EventTypes.ORG_UNIT_CHANGED);
            ArrayNode ownIdOnly = NODES.arrayNode().add(example.path("orgUnitId"));

            assertRejected(EventTypes.ORG_UNIT_CHANGED, with(EventTypes.ORG_UNIT_CHANGED, "/path", ownIdOnly));
            assertRejected(EventTypes.ORG_UNIT_CHANGED, with(EventTypes.ORG_UNIT_CHANGED, "/parentId", NODES.nullNode()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"DIRECTOR", "rep", "ADMIN"})
        void unknownRole(String role) {
            assertRejected(EventTypes.MEMBERSHIP_CHANGED, with(EventTypes.MEMBERSHIP_CHANGED, "/role", text(role)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/memberId", "/displayName", "/orgUnitId", "/orgUnitPath", "/role", "/effectiveFrom"})
        void membershipFieldMissing(String pointer) {
            assertRejected(EventTypes.MEMBERSHIP_CHANGED, without(EventTypes.MEMBERSHIP_CHANGED, pointer));
        }

        @Test
        void malformedEmailOrMemberId() {
            assertRejected(EventTypes.MEMBERSHIP_CHANGED, with(EventTypes.MEMBERSHIP_CHANGED, "/email", text("zhang.wei")));
            assertRejected(EventTypes.MEMBERSHIP_CHANGED, with(EventTypes.MEMBERSHIP_CHANGED, "/memberId", text("zhang wei")));
            assertRejected(EventTypes.MEMBERSHIP_CHANGED, with(EventTypes.MEMBERSHIP_CHANGED, "/memberId", text("")));
        }
    }

    private static void assertRejected(String type, JsonNode event) {
        assertThat(EventSchemas.violations(type, event))
                .as("violations of %s by %s", type, event)
                .isNotEmpty();
    }

    /** The example of {@code type} with the field at {@code pointer} set to {@code value}. */
    private static ObjectNode with(String type, String pointer, JsonNode value) {
        ObjectNode event = EventSchemas.exampleTree(type).deepCopy();
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = event.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            array.set(path.last().getMatchingIndex(), value);
        } else {
            assertThat(parent.isObject()).as("%s has an object parent in %s", pointer, type).isTrue();
            ((ObjectNode) parent).set(last, value);
        }
        return event;
    }

    /** The example of {@code type} without the field at {@code pointer}. */
    private static ObjectNode without(String type, String pointer) {
        ObjectNode event = EventSchemas.exampleTree(type).deepCopy();
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = event.at(path.head());
        assertThat(parent.has(path.last().getMatchingProperty())).as("%s exists in %s", pointer, type).isTrue();
        ((ObjectNode) parent).remove(path.last().getMatchingProperty());
        return event;
    }

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    private static ArrayNode array(String... values) {
        ArrayNode array = NODES.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}
