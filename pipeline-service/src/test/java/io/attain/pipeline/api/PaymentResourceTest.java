package io.attain.pipeline.api;

import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PaymentResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String DEALS = "/api/pipeline/deals";
    private static final String FINANCE = "fin-1";

    @Test
    void shouldCollectInPartsMoveToCollectedWhenPaidAndPublishEachPayment() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "1100000.00");
        String first = pay(deal, "440000.00", "CNY", "2026-07-15", "银行流水 001").then().statusCode(201)
                .header("Location", containsString(DEALS + "/" + deal + "/payments/"))
                .body("payment.amount.amount", equalTo("440000.00")).body("payment.receivedOn", equalTo("2026-07-15"))
                .body("payment.reference", equalTo("银行流水 001")).body("payment.reversal", equalTo(false))
                .body("payment.recordedBy", equalTo(FINANCE))
                .body("deal.collected.amount", equalTo("440000.00")).body("deal.stage", equalTo("WON"))
                .body("deal.version", equalTo(6)).body("deal.allowedNextStages", contains("LOST"))
                .extract().path("payment.id");
        DealResourceTest.move(rep, deal, "COLLECTED").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("collected 440000.00 CNY of 1100000.00 CNY"));
        String second = pay(deal, "660000", "CNY", "2026-08-01", null).then().statusCode(201)
                .body("deal.collected.amount", equalTo("1100000.00")).body("deal.stage", equalTo("COLLECTED"))
                .body("deal.version", equalTo(7)).body("deal.allowedNextStages.size()", equalTo(0))
                .extract().path("payment.id");

        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/history").then().statusCode(200)
                .body("[6].from", equalTo("WON")).body("[6].to", equalTo("COLLECTED")).body("[6].actor", equalTo(FINANCE));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/payments").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", contains(first, second))
                .body("items.amount.amount", contains("440000.00", "660000.00"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(deal), 8,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(8);
        assertThat(events.subList(6, 8)).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE))
                .containsOnly(EventTypes.DEAL_PAYMENT_RECORDED);
        assertThat(events.subList(6, 8)).extracting(r -> EventProbe.header(r, CloudEventHeaders.AGGREGATE_VERSION))
                .containsExactly("6", "7");
        DealEvent partial = EventJson.mapper().readValue(events.get(6).value(), DealEvent.class);
        assertThat(partial.payment()).isEqualTo(new PaymentChange(UUID.fromString(first), Money.of("440000.00", "CNY"),
                LocalDate.parse("2026-07-15"), false, null));
        assertThat(partial.previousStage()).isNull();
        assertThat(partial.actor()).isEqualTo(FINANCE);
        assertThat(partial.deal().collected()).isEqualTo(Money.of("440000", "CNY"));
        assertThat(partial.deal().stage()).isEqualTo("WON");
        assertThat(partial.deal().version()).isEqualTo(6);
        DealEvent full = EventJson.mapper().readValue(events.get(7).value(), DealEvent.class);
        assertThat(full.payment()).isEqualTo(new PaymentChange(UUID.fromString(second), Money.of("660000.00", "CNY"),
                LocalDate.parse("2026-08-01"), false, null));
        assertThat(full.previousStage()).isEqualTo("WON");
        assertThat(full.deal().stage()).isEqualTo("COLLECTED");
        assertThat(full.deal().collected()).isEqualTo(Money.of("1100000.00", "CNY"));
        assertThat(full.deal().wonAt()).isEqualTo(partial.deal().wonAt());
    }

    @Test
    void shouldReverseAPaymentAndTakeACollectedDealBackToWon() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "1000.00");
        String first = pay(deal, "400.00", "CNY", "2026-07-01", null).then().statusCode(201).extract().path("payment.id");
        String second = pay(deal, "600.00", "CNY", "2026-07-02", null).then().statusCode(201)
                .body("deal.stage", equalTo("COLLECTED")).extract().path("payment.id");
        String wonAt = TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().extract().path("wonAt");

        String reversal = reverse(deal, second, "{\"reversedOn\":\"2026-07-20\",\"reference\":\"退款 7\"}").then().statusCode(201)
                .body("payment.reversal", equalTo(true)).body("payment.reversesId", equalTo(second))
                .body("payment.amount.amount", equalTo("600.00")).body("payment.receivedOn", equalTo("2026-07-20"))
                .body("deal.stage", equalTo("WON")).body("deal.collected.amount", equalTo("400.00"))
                .body("deal.wonAt", equalTo(wonAt)).body("deal.version", equalTo(8))
                .extract().path("payment.id");
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/history").then()
                .body("[7].from", equalTo("COLLECTED")).body("[7].to", equalTo("WON"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/payments").then().statusCode(200)
                .body("items.id", contains(first, second, reversal))
                .body("items.reversedBy", contains(nullValue(), equalTo(reversal), nullValue()));

        reverse(deal, second, null).then().statusCode(409).contentType(PROBLEM).body("type", endsWith("/payment-already-reversed"));
        reverse(deal, reversal, null).then().statusCode(409).contentType(PROBLEM).body("type", endsWith("/payment-is-reversal"));
        reverse(deal, UUID.randomUUID().toString(), null).then().statusCode(404).contentType(PROBLEM);
        reverse(deal, first, "{\"reversedOn\":\"2026-06-30\"}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("reversedOn"));
        reverse(deal, first, "{\"reversedOn\":\"2026-07-20\",\"amount\":{\"amount\":\"1\",\"currency\":\"CNY\"}}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("amount"));
        // Without a body: reversed today.
        reverse(deal, first, null).then().statusCode(201)
                .body("payment.receivedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("deal.collected.amount", equalTo("0.00")).body("deal.stage", equalTo("WON"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(deal), 10,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(10);
        assertThat(EventProbe.header(events.get(8), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DEAL_PAYMENT_REVERSED);
        DealEvent reversed = EventJson.mapper().readValue(events.get(8).value(), DealEvent.class);
        assertThat(reversed.payment()).isEqualTo(new PaymentChange(UUID.fromString(reversal), Money.of("600.00", "CNY"),
                LocalDate.parse("2026-07-20"), true, UUID.fromString(second)));
        assertThat(reversed.previousStage()).isEqualTo("COLLECTED");
        assertThat(reversed.deal().stage()).isEqualTo("WON");
        assertThat(reversed.deal().collected()).isEqualTo(Money.of("400.00", "CNY"));
        assertThat(reversed.version()).isEqualTo(8);
        DealEvent last = EventJson.mapper().readValue(events.get(9).value(), DealEvent.class);
        assertThat(last.payment().reversedPaymentId()).hasToString(first);
        assertThat(last.previousStage()).isNull();
        assertThat(last.deal().collected()).isEqualTo(Money.of("0", "CNY"));
    }

    @Test
    void shouldRejectBadPaymentsWithoutRecordingAnything() {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "1000.00");
        pay(deal, "1000.01", "CNY", "2026-07-01", null).then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/overpayment")).body("detail", containsString("1000.00 CNY"));
        pay(deal, "10", "USD", "2026-07-01", null).then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/currency-mismatch"));
        pay(deal, "10", "XYZ", "2026-07-01", null).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("XYZ"));
        for (String amount : List.of("-5", "0", "0.001", "1e14", "99999999999999999")) {
            pay(deal, amount, "CNY", "2026-07-01", null).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("amount.amount"));
        }
        pay(deal, "10", "CNY", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString(), null).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("receivedOn"));
        pay(deal, "10", "CNY", "1999-01-01", null).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("receivedOn"));
        pay(deal, "10", "CNY", "July", null).then().statusCode(400).contentType(PROBLEM);
        send(deal, "{\"amount\":{\"amount\":\"10\",\"currency\":\"CNY\"}}").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("receivedOn"));
        send(deal, "{\"amount\":{\"amount\":\"10\",\"currency\":\"CNY\"},\"receivedOn\":\"2026-07-01\",\"id\":\"" + UUID.randomUUID() + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("id"));
        send(deal, "{\"amount\":\"10\",\"receivedOn\":\"2026-07-01\"}").then().statusCode(400).contentType(PROBLEM);
        send(deal, "{\"amount\":{\"amount\":\"10\",\"currency\":\"CNY\"},\"receivedOn\":").then().statusCode(400)
                .contentType(PROBLEM);

        String open = DealResourceTest.createDeal(rep, "1000.00");
        pay(open, "10", "CNY", "2026-07-01", null).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/deal-not-won"));
        pay(UUID.randomUUID().toString(), "10", "CNY", "2026-07-01", null).then().statusCode(404).contentType(PROBLEM);

        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/payments").then().statusCode(200).body("total", equalTo(0));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().body("collected.amount", equalTo("0.00"))
                .body("version", equalTo(5));
    }

    @Test
    void shouldLetFinanceRecordMoneyAndKeepRepsToTheirOwnDeals() {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "1000.00");
        TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(payment("10", "CNY", "2026-07-01", null))
                .when().post(DEALS + "/" + deal + "/payments").then().statusCode(403).contentType(PROBLEM);
        String payment = pay(deal, "10", "CNY", "2026-07-01", null).then().statusCode(201).extract().path("payment.id");
        TestTokens.as("another-rep", "rep").when().get(DEALS + "/" + deal + "/payments").then().statusCode(404)
                .contentType(PROBLEM);
        TestTokens.as(rep, "rep").contentType(ContentType.JSON).when()
                .post(DEALS + "/" + deal + "/payments/" + payment + "/reversal").then().statusCode(403);
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/payments?size=500").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("size"));
        TestTokens.as("admin-1", "admin").when().get(DEALS + "/" + deal + "/payments").then().statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void shouldRecordAPaymentOncePerIdempotencyKey() {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "1000.00");
        String key = UUID.randomUUID().toString();
        String id = payWithKey(deal, key, "250.00").then().statusCode(201).extract().path("payment.id");
        payWithKey(deal, key, "250").then().statusCode(200).body("payment.id", equalTo(id))
                .body("deal.collected.amount", equalTo("250.00"));
        payWithKey(deal, key, "300.00").then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/idempotency-key-reused"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/payments").then().body("total", equalTo(1));
    }

    @Test
    void shouldKeepTheAmountAboveWhatWasCollected() {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "5000.00");
        pay(deal, "3000.00", "CNY", "2026-07-01", null).then().statusCode(201);
        DealResourceTest.put(rep, "rep", deal, "*", DealResourceTest.terms("2999.99", "")).then().statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("/amount-below-collected"));
        DealResourceTest.put(rep, "rep", deal, "*", DealResourceTest.terms("5000.00", ",\"collected\":{\"amount\":\"5000\",\"currency\":\"CNY\"}"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("collected"));
        DealResourceTest.put(rep, "rep", deal, "*", DealResourceTest.terms("3000.00", "")).then().statusCode(200)
                .body("stage", equalTo("WON")).body("allowedNextStages", contains("COLLECTED", "LOST"));
        DealResourceTest.move(rep, deal, "COLLECTED").then().statusCode(200).body("stage", equalTo("COLLECTED"));
    }

    @Test
    void shouldNeverCollectMoreThanTheAmountUnderConcurrentPayments() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        String deal = wonDeal(rep, "1000.00");
        List<Callable<Integer>> payments = java.util.stream.IntStream.range(0, 6)
                .<Callable<Integer>>mapToObj(i -> () -> pay(deal, "300.00", "CNY", "2026-07-01", "p" + i).statusCode())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(payments)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 422);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().body("collected.amount", equalTo("900.00"))
                .body("version", equalTo(8)).body("stage", equalTo("WON"));
    }

    /** A deal of {@code rep} taken through the default funnel to WON (version 5). */
    static String wonDeal(String rep, String amount) {
        String deal = DealResourceTest.createDeal(rep, amount);
        for (String stage : List.of("CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON")) {
            DealResourceTest.move(rep, deal, stage).then().statusCode(200);
        }
        return deal;
    }

    static String payment(String amount, String currency, String receivedOn, String reference) {
        return "{\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"},\"receivedOn\":\"" + receivedOn
                + "\"" + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }

    static Response pay(String deal, String amount, String currency, String receivedOn, String reference) {
        return send(deal, payment(amount, currency, receivedOn, reference));
    }

    private static Response send(String deal, String body) {
        return TestTokens.as(FINANCE, "finance").contentType(ContentType.JSON).body(body)
                .when().post(DEALS + "/" + deal + "/payments");
    }

    private static Response payWithKey(String deal, String key, String amount) {
        return TestTokens.as(FINANCE, "finance").contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(payment(amount, "CNY", "2026-07-01", null)).when().post(DEALS + "/" + deal + "/payments");
    }

    private static Response reverse(String deal, String payment, String body) {
        // Without a body, as a client refunding today would send it.
        var request = TestTokens.as(FINANCE, "finance").contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.when().post(DEALS + "/" + deal + "/payments/" + payment + "/reversal");
    }
}
