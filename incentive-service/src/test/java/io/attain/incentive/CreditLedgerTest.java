package io.attain.incentive;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.attain.incentive.Deals.deal;
import static io.attain.incentive.Deals.split;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Deal events on Kafka in, credit entries out through the REST API: the walking skeleton end to end. */
@QuarkusTest
class CreditLedgerTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";
    private static final String DEAD_LETTERS = "incentive.deal-events.dlq";

    @Inject
    EntityManager em;

    @Test
    void shouldCreditAWonDealToItsOwner() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        Deals.publish(deal(dealId, 1, "LEAD", owner, "1100000.00"));
        String won = Deals.publish(deal(dealId, 2, "WON", owner, "1100000.00"));

        JsonPath credits = awaitCredits(owner, 1);

        assertThat(credits.getString("memberId")).isEqualTo(owner);
        assertThat(credits.getString("credits[0].id")).isNotBlank();
        assertThat(credits.getString("credits[0].dealId")).isEqualTo(dealId.toString());
        assertThat(credits.getString("credits[0].kind")).isEqualTo("CREDIT");
        assertThat(credits.getString("credits[0].amount.amount")).isEqualTo("1100000.00");
        assertThat(credits.getString("credits[0].amount.currency")).isEqualTo("CNY");
        assertThat(credits.getLong("credits[0].dealVersion")).isEqualTo(2);
        assertThat(credits.getString("credits[0].sourceEventId")).isEqualTo(won);
        assertThat(credits.getString("credits[0].reversesEntryId")).isNull();
        assertThat(credits.getString("credits[0].recordedAt")).isNotBlank();
        assertThat(credits.getList("totals")).hasSize(1);
        assertThat(credits.getString("totals[0].amount")).isEqualTo("1100000.00");
        assertThat(credits.getString("totals[0].currency")).isEqualTo("CNY");
        assertThat(credits.getInt("page")).isZero();
        assertThat(credits.getInt("size")).isEqualTo(20);
    }

    @Test
    void shouldShareAWonDealByItsCreditSplits() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        String partner = member();
        Deals.publish(deal(dealId, 6, "WON", owner, "1100000.00", split(owner, "70"), split(partner, "30")));

        assertThat(awaitCredits(owner, 1).getString("totals[0].amount")).isEqualTo("770000.00");
        assertThat(awaitCredits(partner, 1).getString("totals[0].amount")).isEqualTo("330000.00");
    }

    @Test
    void shouldApplyTheSameRecordOnlyOnce() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        String eventId = UUID.randomUUID().toString();
        Deals.publish(eventId, deal(dealId, 1, "WON", owner, "100.00"));
        Deals.publish(eventId, deal(dealId, 1, "WON", owner, "100.00"));
        // Same key, so processed after both deliveries above: once its entries show, so would any duplicate's.
        Deals.publishUpdate(deal(dealId, 2, "WON", owner, "150.00"), "amount");

        JsonPath credits = awaitCredits(owner, 3);

        assertThat(credits.getList("credits.kind")).containsExactly("CREDIT", "REVERSAL", "CREDIT");
        assertThat(credits.getList("credits.sourceEventId", String.class).stream().filter(eventId::equals)).hasSize(1);
        assertThat(credits.getString("totals[0].amount")).isEqualTo("150.00");
    }

    @Test
    void shouldIgnoreAnOlderVersionAfterANewerOne() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        Deals.publish(deal(dealId, 3, "WON", owner, "100.00"));
        Deals.publish(deal(dealId, 2, "NEGOTIATION", owner, "100.00"));
        Deals.publishUpdate(deal(dealId, 4, "WON", owner, "200.00"), "amount");

        JsonPath credits = awaitCredits(owner, 3);

        // Had version 2 been applied, it would have reversed the credit itself, at deal version 2.
        assertThat(credits.getList("credits.kind")).containsExactly("CREDIT", "REVERSAL", "CREDIT");
        assertThat(credits.getList("credits.dealVersion", Integer.class)).containsExactly(4, 4, 3);
        assertThat(credits.getString("totals[0].amount")).isEqualTo("200.00");
    }

    @Test
    void shouldReverseAndCreditAgainWhenTheAmountChanges() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        Deals.publish(deal(dealId, 5, "WON", owner, "1000.00"));
        String update = Deals.publishUpdate(deal(dealId, 6, "WON", owner, "1250.50"), "amount");

        JsonPath credits = awaitCredits(owner, 3);

        assertThat(credits.getList("credits.kind")).containsExactly("CREDIT", "REVERSAL", "CREDIT");
        assertThat(credits.getList("credits.amount.amount")).containsExactly("1250.50", "-1000.00", "1000.00");
        assertThat(credits.getString("credits[1].reversesEntryId")).isEqualTo(credits.getString("credits[2].id"));
        assertThat(credits.getString("credits[1].sourceEventId")).isEqualTo(update);
        assertThat(credits.getString("totals[0].amount")).isEqualTo("1250.50");
    }

    @Test
    void shouldNetToZeroWhenAWonDealIsLost() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        String partner = member();
        Deals.publish(deal(dealId, 6, "WON", owner, "100.00", split(owner, "60"), split(partner, "40")));
        Deals.publish(deal(dealId, 7, "LOST", owner, "100.00", split(owner, "60"), split(partner, "40")));

        for (String member : List.of(owner, partner)) {
            JsonPath credits = awaitCredits(member, 2);
            assertThat(credits.getList("credits.kind")).containsExactly("REVERSAL", "CREDIT");
            assertThat(credits.getString("totals[0].amount")).isEqualTo("0.00");
        }
    }

    @Test
    void shouldDeadLetterMalformedRecordsAndGoOn() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        String valid = Deals.json(Deals.event(deal(dealId, 1, "WON", owner, "300.00")));
        Map<String, String> noId = Deals.headers("unused", EventTypes.DEAL_STAGE_CHANGED, dealId, 1);
        noId.remove(CloudEventHeaders.ID);
        EventProbe.send(Topics.DEAL_EVENTS, dealId.toString(), valid, noId);
        EventProbe.send(Topics.DEAL_EVENTS, dealId.toString(), "{\"dealId\":",
                Deals.headers(UUID.randomUUID().toString(), EventTypes.DEAL_STAGE_CHANGED, dealId, 1));
        Deals.publish(deal(dealId, 1, "WON", owner, "300.00"));

        assertThat(awaitCredits(owner, 1).getString("totals[0].amount")).isEqualTo("300.00");

        List<ConsumerRecord<String, String>> dead = EventProbe.read(DEAD_LETTERS,
                r -> dealId.toString().equals(r.key()), 2, PATIENCE);
        assertThat(dead).hasSize(2);
        assertThat(EventProbe.header(dead.get(0), "dead-letter-reason")).contains(CloudEventHeaders.ID);
        assertThat(dead.get(1).value()).isEqualTo("{\"dealId\":");
    }

    @Test
    void shouldRetryAPassingFailureInsteadOfDeadLetteringIt() {
        UUID dealId = UUID.randomUUID();
        String owner = member();
        String name = "flaky_" + UUID.randomUUID().toString().replace("-", "");
        // The first two inserts of this owner's credit fail, as during a database outage.
        sql("create sequence " + name);
        sql("create function " + name + "() returns trigger language plpgsql as $$ begin "
                + "if new.member_id = tg_argv[0] and nextval(tg_argv[1]) <= 2 then "
                + "raise exception 'simulated outage'; end if; return new; end $$");
        sql("create trigger " + name + " before insert on credit_entry for each row execute function "
                + name + "('" + owner + "', '" + name + "')");
        try {
            Deals.publish(deal(dealId, 1, "WON", owner, "400.00"));

            assertThat(awaitCredits(owner, 1).getString("totals[0].amount")).isEqualTo("400.00");
            assertThat(QuarkusTransaction.requiringNew().call(() ->
                    ((Number) em.createNativeQuery("select last_value from " + name).getSingleResult()).longValue()))
                    .as("two failed attempts, then the one that succeeded").isEqualTo(3);
            assertThat(EventProbe.read(DEAD_LETTERS, r -> dealId.toString().equals(r.key()), 1, Duration.ofSeconds(2)))
                    .isEmpty();
        } finally {
            sql("drop trigger " + name + " on credit_entry");
            sql("drop function " + name + "()");
            sql("drop sequence " + name);
        }
    }

    @Test
    void shouldShowARepOnlyTheirOwnCredits() {
        String rep = member();
        String path = "/api/incentives/members/" + rep + "/credits";

        TestTokens.as(rep, "rep").when().get(path)
                .then().statusCode(200).body("memberId", equalTo(rep)).body("credits", empty())
                .body("totals", empty()).body("total", equalTo(0));
        TestTokens.as(member(), "rep").when().get(path)
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo("https://attain.io/problems/not-found"));
        // A manager who does not manage the rep (see ManagerScopeTest for one who does)
        TestTokens.as(member(), "manager").when().get(path).then().statusCode(404);
        TestTokens.as(member(), "finance").when().get(path).then().statusCode(200);
        TestTokens.as(member(), "admin").when().get(path).then().statusCode(200);
        TestTokens.as("crm-salesforce", "crm-integration").when().get(path).then().statusCode(403).contentType(PROBLEM);
        given().when().get(path).then().statusCode(401);
        finance().queryParam("size", 500).when().get(path)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("size"));
    }

    @Test
    void shouldPageCreditsButTotalThemAll() {
        String owner = member();
        for (String amount : List.of("10.00", "20.00", "30.00")) {
            Deals.publish(deal(UUID.randomUUID(), 1, "WON", owner, amount));
        }
        awaitCredits(owner, 3);

        finance().queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/incentives/members/" + owner + "/credits")
                .then().statusCode(200).body("credits.size()", equalTo(1)).body("total", equalTo(3))
                .body("page", equalTo(1)).body("size", equalTo(2)).body("totals[0].amount", equalTo("60.00"));
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }

    /** Waits until the member has {@code entries} credit entries and returns the answer that showed them. */
    static JsonPath awaitCredits(String memberId, int entries) {
        AtomicReference<JsonPath> answer = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath body = finance().when().get("/api/incentives/members/" + memberId + "/credits")
                    .then().statusCode(200).extract().jsonPath();
            answer.set(body);
            return body.getInt("total") >= entries;
        });
        assertThat(answer.get().getInt("total")).isEqualTo(entries);
        return answer.get();
    }

    static RequestSpecification finance() {
        return TestTokens.as("finance-1", "finance");
    }

    static String member() {
        return "rep-" + UUID.randomUUID();
    }
}
