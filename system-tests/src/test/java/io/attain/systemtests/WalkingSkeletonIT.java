package io.attain.systemtests;

import io.attain.local.DemoUsers;
import io.attain.local.Service;
import io.attain.local.Suite;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end, through the gateway with real Keycloak tokens: an admin publishes a
 * target for a rep of the demo organisation, the rep wins a deal, and incentive-service records exactly one credit for it, also
 * after a restart and after the same deal events are delivered a second time.
 */
@ExtendWith(AttainSuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final DemoUsers.DemoUser REP = DemoUsers.KEY_ACCOUNTS_REP;
    private static final String DEAL_AMOUNT = "250000.00";
    private static final String CURRENCY = "CNY";
    private static final List<String> STAGES_AFTER_LEAD =
            List.of("CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON");
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private final Suite suite;
    private final Api api;
    private final DealEventLog dealEvents;
    private String adminToken;
    private String repToken;
    private String dealId;

    WalkingSkeletonIT(Suite suite) {
        this.suite = suite;
        this.api = new Api(suite);
        this.dealEvents = new DealEventLog(suite.kafkaBootstrapServers());
    }

    @BeforeAll
    void logIn() {
        Tokens tokens = new Tokens(suite);
        adminToken = tokens.of(DemoUsers.ADMIN);
        repToken = tokens.of(REP);
    }

    @Test
    @Order(1)
    void adminPublishesATargetForARepOfTheDemoOrganisation() {
        JsonPath member = api.as(adminToken)
                .when().get("/api/targets/members/" + REP.id())
                .then().statusCode(200)
                .extract().jsonPath();
        assertThat(member.getString("memberId")).isEqualTo(REP.id());
        String departmentId = member.getString("orgUnitId");

        // next year's first quarter, clear of the demo data's current targets
        LocalDate quarterStart = LocalDate.of(LocalDate.now().getYear() + 1, 1, 1);
        JsonPath draft = api.as(adminToken)
                .body(Map.of("metric", "REVENUE",
                        "periodStart", quarterStart.toString(),
                        "periodEnd", quarterStart.plusMonths(3).minusDays(1).toString(),
                        "orgUnitId", departmentId,
                        "memberId", REP.id(),
                        "value", Api.money("3000000.00", CURRENCY)))
                .when().post("/api/targets/targets")
                .then().statusCode(201)
                .extract().jsonPath();
        assertThat(draft.getString("status")).isEqualTo("DRAFT");

        JsonPath published = api.as(adminToken)
                .when().post("/api/targets/targets/" + draft.getString("id") + "/publish")
                .then().statusCode(200)
                .extract().jsonPath();
        assertThat(published.getString("status")).isEqualTo("PUBLISHED");
        assertThat(new BigDecimal(published.getString("value.amount"))).isEqualByComparingTo("3000000");

        // the rep sees the published target as their own
        JsonPath repView = api.as(repToken)
                .when().get("/api/targets/targets/" + draft.getString("id"))
                .then().statusCode(200)
                .extract().jsonPath();
        assertThat(repView.getString("memberId")).isEqualTo(REP.id());
    }

    @Test
    @Order(2)
    void repTakesADealFromLeadToWon() {
        JsonPath created = api.as(repToken)
                .body(Map.of("name", "System test deal", "amount", Api.money(DEAL_AMOUNT, CURRENCY),
                        "productLine", "A", "channel", "DIRECT", "region", "华东", "customerTier", "KA",
                        "newCustomer", true, "expectedCloseDate", LocalDate.now().plusMonths(1).toString()))
                .when().post("/api/pipeline/deals")
                .then().statusCode(201)
                .extract().jsonPath();
        dealId = created.getString("id");
        assertThat(created.getString("stage")).isEqualTo("LEAD");
        assertThat(created.getString("ownerId")).isEqualTo(REP.id());

        for (String stage : STAGES_AFTER_LEAD) {
            String reached = api.as(repToken)
                    .body(Map.of("stage", stage))
                    .when().post("/api/pipeline/deals/" + dealId + "/stage")
                    .then().statusCode(200)
                    .extract().path("stage");
            assertThat(reached).isEqualTo(stage);
        }
    }

    @Test
    @Order(3)
    void theWonDealBecomesOneCreditForTheRep() {
        requireDeal();
        await("credit for deal " + dealId).atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> creditsForDeal().size() == 1);
        Map<String, Object> credit = creditsForDeal().getFirst();
        assertThat(credit.get("kind")).isEqualTo("CREDIT");
        @SuppressWarnings("unchecked")
        Map<String, Object> amount = (Map<String, Object>) credit.get("amount");
        assertThat(new BigDecimal(amount.get("amount").toString())).isEqualByComparingTo(DEAL_AMOUNT);
        assertThat(amount.get("currency")).isEqualTo(CURRENCY);
    }

    @Test
    @Order(4)
    void restartingIncentiveServiceRecordsNoSecondCredit() {
        requireDeal();
        suite.restart(Service.INCENTIVE);
        awaitDealEventsConsumed();
        assertOneCreditThroughout(Duration.ofSeconds(5));
    }

    @Test
    @Order(5)
    void deliveringTheSameDealEventsTwiceRecordsOneCredit() {
        requireDeal();
        List<ConsumerRecord<byte[], byte[]>> records = dealEvents.recordsOf(dealId);
        assertThat(records).as("deal events of " + dealId).hasSizeGreaterThanOrEqualTo(STAGES_AFTER_LEAD.size() + 1);
        assertThat(records).allSatisfy(record -> assertThat(record.headers().lastHeader("ce_id")).isNotNull());

        dealEvents.redeliver(records);

        awaitDealEventsConsumed();
        assertOneCreditThroughout(Duration.ofSeconds(5));
    }

    private void awaitDealEventsConsumed() {
        await("consumers of the deal events caught up").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                .until(() -> dealEvents.unconsumed() == 0);
    }

    private void assertOneCreditThroughout(Duration period) {
        await().during(period).atMost(period.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> creditsForDeal().size() == 1);
        JsonPath credits = creditsOfRep();
        assertThat(credits.getList("credits.findAll { it.dealId == '" + dealId + "' }")).hasSize(1);
    }

    private List<Map<String, Object>> creditsForDeal() {
        return creditsOfRep().getList("credits.findAll { it.dealId == '" + dealId + "' }");
    }

    private JsonPath creditsOfRep() {
        return api.as(repToken)
                .when().get("/api/incentives/members/" + REP.id() + "/credits")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private void requireDeal() {
        assertThat(dealId).as("the deal of the earlier step").isNotNull();
    }
}
