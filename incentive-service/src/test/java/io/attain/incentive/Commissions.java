package io.attain.incentive;

import io.attain.events.CloudEventHeaders;
import io.attain.events.CreditSplit;
import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.events.TargetEvent;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Commission scenarios end to end for the tests of this module: plans, periods and assignments through the
 * REST API, quotas and deals as the events targets-service and pipeline-service publish, statements read back.
 * Every test takes its own years (periods never overlap and the database is shared by all tests).
 */
final class Commissions {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String TARGETS_SOURCE = "/attain/targets-service";
    /** Tiers 80% → 1%, 100% → 1.5%, 120% → 2% with a gate at 80%: the seed example. */
    static final String SEED_TIERS = """
            [{"thresholdPercent": "80", "ratePercent": "1"}, {"thresholdPercent": "100", "ratePercent": "1.5"},
             {"thresholdPercent": "120", "ratePercent": "2"}]""";
    private static final AtomicInteger YEARS = new AtomicInteger(2100);

    private Commissions() {
    }

    /** A year no other test uses. */
    static int year() {
        return YEARS.getAndIncrement();
    }

    static LocalDate quarterStart(int year, int quarter) {
        return LocalDate.of(year, 3 * quarter - 2, 1);
    }

    static LocalDate quarterEnd(int year, int quarter) {
        return quarterStart(year, quarter).plusMonths(3).minusDays(1);
    }

    static RequestSpecification admin() {
        return TestTokens.as("admin-1", "admin").contentType(ContentType.JSON);
    }

    static RequestSpecification finance() {
        return TestTokens.as("finance-1", "finance").contentType(ContentType.JSON);
    }

    static String member() {
        return "rep-" + UUID.randomUUID();
    }

    /** Plan terms: the seed tiers in {@code mode}, gate 80%, on {@code basis}. */
    static String seedTerms(String mode, String basis) {
        return """
                {"basis": "%s", "rateTable": {"mode": "%s", "tiers": %s}, "gatePercent": "80"}""".formatted(basis, mode, SEED_TIERS);
    }

    /** Creates a CNY plan with the terms from {@code effectiveFrom}; returns its id. */
    static String plan(String terms, LocalDate effectiveFrom) {
        return admin().body("""
                        {"name": "plan %s", "currency": "CNY", "effectiveFrom": "%s", "terms": %s}"""
                        .formatted(UUID.randomUUID(), effectiveFrom, terms))
                .when().post("/api/incentives/plans").then().statusCode(201).extract().path("id");
    }

    static void assign(String planId, String memberId, LocalDate start, LocalDate end) {
        admin().body("""
                        {"memberId": "%s", "periodStart": "%s", "periodEnd": "%s"}""".formatted(memberId, start, end))
                .when().post("/api/incentives/plans/" + planId + "/assignments").then().statusCode(201);
    }

    /** Creates the quarter as a period; returns its id. */
    static String period(int year, int quarter) {
        return finance().body("""
                        {"name": "%d-Q%d", "start": "%s", "end": "%s", "currency": "CNY"}"""
                        .formatted(year, quarter, quarterStart(year, quarter), quarterEnd(year, quarter)))
                .when().post("/api/incentives/periods").then().statusCode(201).extract().path("id");
    }

    static JsonPath calculate(String periodId) {
        return finance().when().post("/api/incentives/periods/" + periodId + "/calculate").then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath close(String periodId) {
        return finance().when().post("/api/incentives/periods/" + periodId + "/close").then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath statement(String memberId, String periodId) {
        return finance().when().get("/api/incentives/members/" + memberId + "/statements/" + periodId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the member's statement in the period is up to date and satisfies {@code ready}; returns it. */
    static JsonPath awaitStatement(String memberId, String periodId, Predicate<JsonPath> ready) {
        AtomicReference<JsonPath> answer = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            var response = finance().when().get("/api/incentives/members/" + memberId + "/statements/" + periodId);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonPath body = response.jsonPath();
            answer.set(body);
            return !body.getBoolean("stale") && ready.test(body);
        });
        return answer.get();
    }

    /** The sum of a statement's lines of one component, as plain text ("none" when it has no such line). */
    static String amountOf(JsonPath statement, String component) {
        List<Map<String, Object>> lines = statement.getList("lines");
        return lines.stream().filter(line -> component.equals(line.get("component")))
                .map(line -> new BigDecimal((String) ((Map<?, ?>) line.get("amount")).get("amount")))
                .reduce(BigDecimal::add).map(BigDecimal::toPlainString).orElse("none");
    }

    static JsonPath awaitTotal(String memberId, String periodId, String total) {
        return awaitStatement(memberId, periodId, body -> total.equals(body.getString("total.amount")));
    }

    /** Waits until the member has {@code entries} credit entries. */
    static void awaitCredits(String memberId, int entries) {
        CreditLedgerTest.awaitCredits(memberId, entries);
    }

    /** Waits until the member's quotas include one of {@code value}. */
    static void awaitQuota(String memberId, String value) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> finance()
                .when().get("/api/incentives/members/" + memberId + "/quotas").then().statusCode(200).extract().jsonPath()
                .getList("quotas.value.amount", String.class).contains(value));
    }

    // ---------------------------------------------------------------- targets-service events

    /** Publishes the member's REVENUE quota for the quarter; returns the target id. */
    static UUID quota(String memberId, int year, int quarter, String value) {
        UUID targetId = UUID.randomUUID();
        publishTarget(new TargetEvent(targetId, 1, null, "REVENUE", quarterStart(year, quarter), quarterEnd(year, quarter),
                new TargetEvent.TargetScope(UUID.randomUUID(), memberId, Map.of()), Money.of(value, "CNY"), null, null, null,
                null, "mgr-1", Instant.now()));
        return targetId;
    }

    static String publishTarget(TargetEvent event) {
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = Deals.headers(eventId, EventTypes.TARGET_PUBLISHED, event.targetId(), event.version());
        headers.put(CloudEventHeaders.SOURCE, TARGETS_SOURCE);
        EventProbe.send(Topics.TARGET_EVENTS, event.targetId().toString(), Deals.json(event), headers);
        return eventId;
    }

    // ---------------------------------------------------------------- pipeline-service events

    /** A deal's life as pipeline-service tells it: each call publishes the next version. */
    static final class Deal {
        final UUID id = UUID.randomUUID();
        final String owner;
        final List<CreditSplit> splits = new ArrayList<>();
        final List<PublishedEvent> published = new ArrayList<>();
        Money amount;
        String stage = "NEGOTIATION";
        String productLine = "A";
        Instant wonAt;
        Money collected;
        long version;

        Deal(String owner, String amount) {
            this.owner = owner;
            this.amount = Money.of(amount, "CNY");
            this.collected = Money.zero("CNY");
        }

        /** Moves the deal to WON on {@code day}. */
        Deal won(LocalDate day) {
            wonAt = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
            return stage("WON", wonAt, "NEGOTIATION");
        }

        /** Moves the won deal to LOST on {@code day}. */
        Deal lost(LocalDate day) {
            return stage("LOST", day.atTime(9, 0).toInstant(ZoneOffset.UTC), "WON");
        }

        /** Changes the amount on {@code day}. */
        Deal amount(String newAmount, LocalDate day) {
            amount = Money.of(newAmount, "CNY");
            version++;
            publish(EventTypes.DEAL_UPDATED, new DealEvent(id, version, day.atTime(10, 0).toInstant(ZoneOffset.UTC), owner, null,
                    List.of("amount"), null, snapshot()));
            return this;
        }

        /** Records a payment of {@code value} received on {@code day}; returns its id. */
        UUID pay(String value, LocalDate day) {
            UUID paymentId = UUID.randomUUID();
            collected = collected.plus(Money.of(value, "CNY"));
            version++;
            publish(EventTypes.DEAL_PAYMENT_RECORDED, new DealEvent(id, version, day.atTime(11, 0).toInstant(ZoneOffset.UTC), owner,
                    null, List.of(), new PaymentChange(paymentId, Money.of(value, "CNY"), day, false, null), snapshot()));
            return paymentId;
        }

        /** Refunds the payment on {@code day}. */
        void refund(UUID paymentId, String value, LocalDate day) {
            collected = collected.minus(Money.of(value, "CNY"));
            version++;
            publish(EventTypes.DEAL_PAYMENT_REVERSED, new DealEvent(id, version, day.atTime(12, 0).toInstant(ZoneOffset.UTC), owner,
                    null, List.of(), new PaymentChange(UUID.randomUUID(), Money.of(value, "CNY"), day, true, paymentId), snapshot()));
        }

        /** Sends every event of the deal again under the same event ids, as a replay of the topic would. */
        void replay() {
            for (PublishedEvent event : published) {
                EventProbe.send(Topics.DEAL_EVENTS, id.toString(), event.json(), event.headers());
            }
        }

        private Deal stage(String newStage, Instant at, String previous) {
            stage = newStage;
            version++;
            publish(EventTypes.DEAL_STAGE_CHANGED, new DealEvent(id, version, at, owner, previous, List.of(), null, snapshot()));
            return this;
        }

        private DealSnapshot snapshot() {
            boolean closed = "WON".equals(stage) || "LOST".equals(stage) || "COLLECTED".equals(stage);
            return new DealSnapshot(id, version, "华东制造集团 ERP 升级项目", null, owner, amount, productLine, "直销", "华东", "KA",
                    false, null, stage, "LOST".equals(stage) ? 0 : closed ? 100 : 60,
                    "LOST".equals(stage) ? "OMITTED" : closed ? "CLOSED" : "COMMIT", splits, collected,
                    Instant.parse("2020-01-01T00:00:00Z"), "LOST".equals(stage) ? null : wonAt, closed ? wonAt : null, null);
        }

        private void publish(String type, DealEvent event) {
            String eventId = UUID.randomUUID().toString();
            Map<String, String> headers = Deals.headers(eventId, type, id, version);
            String json = Deals.json(event);
            published.add(new PublishedEvent(json, headers));
            EventProbe.send(Topics.DEAL_EVENTS, id.toString(), json, headers);
        }
    }

    record PublishedEvent(String json, Map<String, String> headers) {
    }

    static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
