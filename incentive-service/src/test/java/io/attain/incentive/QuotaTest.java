package io.attain.incentive;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.attain.incentive.CreditLedgerTest.PATIENCE;
import static io.attain.incentive.CreditLedgerTest.finance;
import static io.attain.incentive.CreditLedgerTest.member;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Target events on Kafka in, quotas out through the REST API. */
@QuarkusTest
class QuotaTest {

    private static final String TARGETS_SOURCE = "/attain/targets-service";
    private static final LocalDate Q2_START = LocalDate.of(2025, 4, 1);
    private static final LocalDate Q2_END = LocalDate.of(2025, 6, 30);

    @Inject
    EntityManager em;

    @Test
    void shouldKeepTheNewestVersionOfEachTarget() {
        String rep = member();
        UUID orgUnit = UUID.randomUUID();
        UUID targetId = UUID.randomUUID();
        publish(EventTypes.TARGET_PUBLISHED, revenue(targetId, 1, orgUnit, rep, "3000000.00", null));
        publish(EventTypes.TARGET_ADJUSTED, revenue(targetId, 3, orgUnit, rep, "3300000.00", "3000000.00"));
        String stale = publish(EventTypes.TARGET_ADJUSTED, revenue(targetId, 2, orgUnit, rep, "3100000.00", "3000000.00"));

        await().atMost(PATIENCE).until(() -> inboxVerdict(stale) != null);
        assertThat(inboxVerdict(stale)).as("the stale version was received but not applied").isFalse();

        JsonPath quotas = quotasOf(rep);
        assertThat(quotas.getInt("total")).isEqualTo(1);
        assertThat(quotas.getString("quotas[0].targetId")).isEqualTo(targetId.toString());
        assertThat(quotas.getLong("quotas[0].version")).isEqualTo(3);
        assertThat(quotas.getString("quotas[0].metric")).isEqualTo("REVENUE");
        assertThat(quotas.getString("quotas[0].periodStart")).isEqualTo("2025-04-01");
        assertThat(quotas.getString("quotas[0].periodEnd")).isEqualTo("2025-06-30");
        assertThat(quotas.getString("quotas[0].orgUnitId")).isEqualTo(orgUnit.toString());
        assertThat(quotas.getString("quotas[0].value.amount")).isEqualTo("3300000.00");
        assertThat(quotas.getString("quotas[0].value.currency")).isEqualTo("CNY");
        assertThat(quotas.getString("quotas[0].quantity")).isNull();
    }

    @Test
    void shouldKeepCountQuotasAndLeaveOutOrgUnitQuotas() {
        String rep = member();
        UUID orgUnit = UUID.randomUUID();
        UUID visits = UUID.randomUUID();
        publish(EventTypes.TARGET_PUBLISHED, new TargetEvent(visits, 1, null, "VISITS", Q2_START, Q2_END,
                new TargetEvent.TargetScope(orgUnit, rep, Map.of()), null, new BigDecimal("120.00"), null, null,
                null, "mgr-1", Instant.now()));
        UUID teamTarget = UUID.randomUUID();
        String team = publish(EventTypes.TARGET_PUBLISHED, revenue(teamTarget, 1, orgUnit, null, "9000000.00", null));

        await().atMost(PATIENCE).until(() -> quotasOf(rep).getInt("total") == 1 && inboxVerdict(team) != null);

        JsonPath quotas = quotasOf(rep);
        assertThat(quotas.getInt("total")).isEqualTo(1);
        assertThat(quotas.getString("quotas[0].metric")).isEqualTo("VISITS");
        assertThat(quotas.getString("quotas[0].quantity")).isEqualTo("120");
        assertThat(quotas.getString("quotas[0].value")).isNull();
    }

    @Test
    void shouldShowARepOnlyTheirOwnQuotas() {
        String rep = member();
        String path = "/api/incentives/members/" + rep + "/quotas";

        TestTokens.as(rep, "rep").when().get(path).then().statusCode(200).body("total", equalTo(0))
                .body("memberId", equalTo(rep));
        TestTokens.as(member(), "rep").when().get(path).then().statusCode(404)
                .contentType("application/problem+json");
        // A manager who does not manage the rep (see ManagerScopeTest for one who does)
        TestTokens.as(member(), "manager").when().get(path).then().statusCode(404);
        given().when().get(path).then().statusCode(401);
    }

    private static TargetEvent revenue(UUID targetId, long version, UUID orgUnit, String memberId, String value,
                                       String previous) {
        return new TargetEvent(targetId, version, null, "REVENUE", Q2_START, Q2_END,
                new TargetEvent.TargetScope(orgUnit, memberId, Map.of()), Money.of(value, "CNY"), null,
                previous == null ? null : Money.of(previous, "CNY"), null, previous == null ? null : "追加预算",
                "mgr-1", Instant.now());
    }

    private static String publish(String type, TargetEvent event) {
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = Deals.headers(eventId, type, event.targetId(), event.version());
        headers.put(CloudEventHeaders.SOURCE, TARGETS_SOURCE);
        EventProbe.send(Topics.TARGET_EVENTS, event.targetId().toString(), Deals.json(event), headers);
        return eventId;
    }

    private static JsonPath quotasOf(String memberId) {
        return finance().when().get("/api/incentives/members/" + memberId + "/quotas")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Whether the quota consumer applied the event; {@code null} while it has not received it. */
    private Boolean inboxVerdict(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery(
                            "select applied from inbox_event where consumer = 'quotas' and event_id = :id")
                    .setParameter("id", eventId).getResultList();
            return rows.isEmpty() ? null : (Boolean) rows.getFirst();
        });
    }
}
