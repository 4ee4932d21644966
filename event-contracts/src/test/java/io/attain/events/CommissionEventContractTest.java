package io.attain.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of incentive-service's commission events that tell a statement event from a period event. */
class CommissionEventContractTest {

    @Test
    void examplesDescribeOnePeriod() throws Exception {
        CommissionEvent statement = EventJson.mapper().readValue(EventSchemas.example(EventTypes.STATEMENT_CALCULATED),
                CommissionEvent.class);
        CommissionEvent closed = EventJson.mapper().readValue(EventSchemas.example(EventTypes.PERIOD_CLOSED),
                CommissionEvent.class);

        assertThat(statement.periodId()).isEqualTo(closed.periodId());
        assertThat(closed.version()).isGreaterThan(statement.version());
        assertThat(closed.runNumber()).isGreaterThanOrEqualTo(statement.runNumber());
        assertThat(statement.periodEnd()).isAfter(statement.periodStart());
        assertThat(statement.memberId()).isNotNull();
        assertThat(statement.totals()).hasSize(1);
        assertThat(closed.memberId()).isNull();
        assertThat(closed.status()).isEqualTo("CLOSED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memberId", "planId", "planVersion", "totals", "runId", "periodId", "occurredAt"})
    void statementEventNamesItsMemberPlanAndTotal(String field) {
        ObjectNode event = (ObjectNode) EventSchemas.exampleTree(EventTypes.STATEMENT_CALCULATED);
        event.remove(field);

        assertThat(EventSchemas.violations(EventTypes.STATEMENT_CALCULATED, event)).isNotEmpty();
    }

    @Test
    void periodClosedIsAboutNoMember() {
        ObjectNode event = (ObjectNode) EventSchemas.exampleTree(EventTypes.PERIOD_CLOSED);
        event.put("memberId", "7d3f9a2e-1b4c-4e8f-a6d5-9c0b1e2f3a47");

        assertThat(EventSchemas.violations(EventTypes.PERIOD_CLOSED, event)).isNotEmpty();
    }

    @Test
    void periodClosedHasStatusClosed() {
        ObjectNode event = (ObjectNode) EventSchemas.exampleTree(EventTypes.PERIOD_CLOSED);
        event.put("status", "CALCULATED");

        assertThat(EventSchemas.violations(EventTypes.PERIOD_CLOSED, event)).isNotEmpty();
    }

    @Test
    void totalsAreMoneyWithStringAmounts() {
        ObjectNode event = (ObjectNode) EventSchemas.exampleTree(EventTypes.STATEMENT_CALCULATED);
        ((ObjectNode) event.withArray("totals").get(0)).set("amount", JsonNodeFactory.instance.numberNode(new BigDecimal("16500.00")));

        assertThat(EventSchemas.violations(EventTypes.STATEMENT_CALCULATED, event)).isNotEmpty();
    }
}
