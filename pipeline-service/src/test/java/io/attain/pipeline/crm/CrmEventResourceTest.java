package io.attain.pipeline.crm;

import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CrmEventResourceTest {

    static final String PROBLEM = "application/problem+json";
    static final String EVENTS = "/api/pipeline/crm/events";
    static final String BATCH = EVENTS + "/batch";
    static final String MAPPINGS = "/api/pipeline/crm/user-mappings";
    static final String CLIENT = "crm-integration";
    static final String SECRET = "crm-integration-demo-secret";
    static final String SYSTEM = "salesforce";

    @Test
    void shouldCreateDealAndAccountFromSignedEventAndPublishIt() throws Exception {
        String owner = mappedUser("005-owner-");
        String dealId = "006-" + UUID.randomUUID();
        String accountId = "001-" + UUID.randomUUID();
        String body = event("evt-" + UUID.randomUUID(), dealId, 1, "PROPOSAL", "250000.00",
                owner, ",\"account\":{\"externalId\":\"" + accountId + "\",\"name\":\"华东制造集团\",\"industry\":\"Manufacturing\","
                        + "\"region\":\"华东\",\"tier\":\"A\",\"segment\":\"KA\",\"size\":\"ENTERPRISE\"}");
        String id = deliver(body).then().statusCode(200).contentType(ContentType.JSON)
                .body("result", equalTo("APPLIED")).body("dealVersion", equalTo(0)).body("index", nullValue())
                .extract().path("dealId");

        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("stage", equalTo("PROPOSAL")).body("ownerId", equalTo(userIdOf(owner)))
                .body("amount.amount", equalTo("250000.00")).body("accountId", notNullValue());
        String account = TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().extract().path("accountId");
        TestTokens.as("admin", "admin").when().get("/api/pipeline/accounts/" + account).then().statusCode(200)
                .body("externalSystem", equalTo(SYSTEM)).body("externalId", equalTo(accountId))
                .body("name", equalTo("华东制造集团")).body("tier", equalTo("A")).body("ownerId", equalTo(userIdOf(owner)));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id + "/history").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].to", equalTo("PROPOSAL")).body("[0].actor", equalTo(CLIENT));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 1,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        assertThat(EventProbe.header(events.getFirst(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DEAL_CREATED);
        DealEvent created = EventJson.mapper().readValue(events.getFirst().value(), DealEvent.class);
        assertThat(created.actor()).isEqualTo(CLIENT);
        assertThat(created.deal().stage()).isEqualTo("PROPOSAL");
        assertThat(created.deal().amount()).isEqualTo(Money.of("250000", "CNY"));
        assertThat(created.deal().external().system()).isEqualTo(SYSTEM);
        assertThat(created.deal().external().id()).isEqualTo(dealId);
        assertThat(created.deal().external().version()).isEqualTo(1L);
    }

    @Test
    void shouldRefuseMissingWrongAndStaleSignatures() {
        String owner = mappedUser("005-sig-");
        String dealId = "006-" + UUID.randomUUID();
        String body = event("evt-" + UUID.randomUUID(), dealId, 1, "LEAD", "1000.00", owner, "");
        String now = Long.toString(Instant.now().getEpochSecond());

        crm().contentType(ContentType.JSON).body(body).when().post(EVENTS).then().statusCode(401).contentType(PROBLEM)
                .body("type", endsWith("/missing-signature"));
        crm().contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, CrmSignature.sign("another-secret", now, bytes(body)))
                .body(body).when().post(EVENTS).then().statusCode(401).contentType(PROBLEM)
                .body("type", endsWith("/invalid-signature"));
        // Signed, then changed on the way: the signature covers the exact bytes.
        crm().contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, CrmSignature.sign(SECRET, now, bytes(body)))
                .body(body.replace("1000.00", "9000.00")).when().post(EVENTS).then().statusCode(401)
                .body("type", endsWith("/invalid-signature"));
        String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        crm().contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, stale)
                .header(CrmSignature.SIGNATURE_HEADER, CrmSignature.sign(SECRET, stale, bytes(body)))
                .body(body).when().post(EVENTS).then().statusCode(401).contentType(PROBLEM)
                .body("type", endsWith("/stale-signature")).body("detail", containsString("timestamp " + stale));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals?size=200").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(hasItem("Deal " + dealId)));

        // The same body correctly signed, with the prefixed form of the signature, is taken.
        crm().contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, "sha256=" + CrmSignature.sign(SECRET, now, bytes(body)))
                .body(body).when().post(EVENTS).then().statusCode(200).body("result", equalTo("APPLIED"));
    }

    @Test
    void shouldNameTheClientByTheTokensAuthorisedPartyLikeKeycloakServiceAccounts() throws Exception {
        String owner = mappedUser("005-azp-");
        String body = event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "LEAD", "1000.00", owner, "");
        String now = Long.toString(Instant.now().getEpochSecond());
        // Keycloak's client-credentials token: sub is the service account's user id, azp the client id.
        String token = serviceAccountToken("a77a1000-de00-4000-8000-000000000031", CLIENT);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, CrmSignature.sign(SECRET, now, bytes(body))).body(bytes(body))
                .when().post(EVENTS).then().statusCode(200).body("result", equalTo("APPLIED")).extract().path("dealId");
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id + "/history").then()
                .body("[0].actor", equalTo(CLIENT));
    }

    @Test
    void shouldRefuseCallersWithoutTheCrmRoleOrAnUnknownClient() {
        String body = event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "LEAD", "1000.00", "005-x", "");
        String now = Long.toString(Instant.now().getEpochSecond());
        String signature = CrmSignature.sign(SECRET, now, bytes(body));
        TestTokens.as("rep-1", "rep").contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, signature).body(body).when().post(EVENTS).then().statusCode(403);
        TestTokens.as("admin", "admin").contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, signature).body(body).when().post(BATCH).then().statusCode(403);
        given().contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, signature).body(body).when().post(EVENTS).then().statusCode(401);
        // A client with the role but no configured secret cannot sign anything.
        TestTokens.as("other-crm", "crm-integration").contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, signature).body(body).when().post(EVENTS).then().statusCode(401)
                .contentType(PROBLEM).body("type", endsWith("/unknown-client"));
    }

    @Test
    void shouldConfineAClientToTheCrmSystemsItIsConfiguredFor() {
        String client = "hubspot-sync";
        String secret = "hubspot-sync-test-secret";
        String hubspotUser = "hs-" + UUID.randomUUID();
        TestTokens.as("admin", "admin").contentType(ContentType.JSON).body("{\"userId\":\"" + userIdOf(hubspotUser) + "\"}")
                .when().put(MAPPINGS + "/hubspot/" + hubspotUser).then().statusCode(201);
        String salesforceDeal = "006-" + UUID.randomUUID();
        String salesforceEvent = event("evt-" + UUID.randomUUID(), salesforceDeal, 1, "LEAD", "1000.00", mappedUser("005-sys-"), "");
        String hubspotDeal = "hs-deal-" + UUID.randomUUID();
        String hubspotEvent = event("evt-" + UUID.randomUUID(), hubspotDeal, 1, "LEAD", "2000.00", hubspotUser, "")
                .replace("\"crmSystem\":\"" + SYSTEM + "\"", "\"crmSystem\":\"hubspot\"");

        // Signed correctly with the client's own key, but for another CRM's deal: refused, nothing written.
        signedBy(client, secret, salesforceEvent).when().post(EVENTS).then().statusCode(403).contentType(PROBLEM)
                .body("type", endsWith("/crm-system-not-allowed")).body("detail", containsString("hubspot"));
        // In a batch only that item is refused (the configured "HubSpot" matches in any case).
        String batch = "{\"events\":[" + salesforceEvent + "," + hubspotEvent + "]}";
        signedBy(client, secret, batch).when().post(BATCH).then().statusCode(200)
                .body("results.result", contains("REJECTED", "APPLIED"))
                .body("results[0].problem.status", equalTo(403))
                .body("results[0].problem.type", endsWith("/crm-system-not-allowed"));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals?size=200&ownerId=" + userIdOf(hubspotUser))
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("Deal " + hubspotDeal));
        // The salesforce deal was never created, and its event id is free for the client that may send it.
        deliver(salesforceEvent).then().statusCode(200).body("result", equalTo("APPLIED"));
        // A client without a list delivers for any system.
        deliver(hubspotEvent.replace("evt-", "evt-2-").replace(hubspotDeal, hubspotDeal + "-b")).then().statusCode(200)
                .body("result", equalTo("APPLIED"));
    }

    @Test
    void shouldAnswerARepeatedEventIdWithTheFirstResultAndPublishNothingMore() {
        String owner = mappedUser("005-dup-");
        String eventId = "evt-" + UUID.randomUUID();
        String body = event(eventId, "006-" + UUID.randomUUID(), 1, "CONTACTED", "5000.00", owner, "");
        Response first = deliver(body);
        first.then().statusCode(200).body("result", equalTo("APPLIED"));
        String id = first.path("dealId");
        deliver(body).then().statusCode(200).body("result", equalTo("DUPLICATE")).body("originalResult", equalTo("APPLIED"))
                .body("dealId", equalTo(id)).body("dealVersion", equalTo(0))
                .body("acceptedAt", equalTo(first.path("acceptedAt")));
        // A repeat with a changed body is still the same event: the first delivery wins.
        deliver(body.replace("5000.00", "6000.00")).then().statusCode(200).body("result", equalTo("DUPLICATE"));

        assertThat(EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 2, Duration.ofSeconds(5))).hasSize(1);
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then()
                .body("amount.amount", equalTo("5000.00")).body("version", equalTo(0));
    }

    @Test
    void shouldConvergeToTheNewestVersionWhateverTheDeliveryOrder() {
        String owner = mappedUser("005-order-");
        String dealId = "006-" + UUID.randomUUID();
        String id = deliver(event("evt-" + UUID.randomUUID(), dealId, 3, "WON", "30000.00", owner, ""))
                .then().statusCode(200).body("result", equalTo("APPLIED")).extract().path("dealId");
        deliver(event("evt-" + UUID.randomUUID(), dealId, 1, "LEAD", "10000.00", owner, ""))
                .then().statusCode(200).body("result", equalTo("IGNORED_STALE")).body("dealId", equalTo(id))
                .body("dealVersion", equalTo(0));
        deliver(event("evt-" + UUID.randomUUID(), dealId, 2, "PROPOSAL", "20000.00", owner, ""))
                .then().statusCode(200).body("result", equalTo("IGNORED_STALE"));
        // The same version again under another event id is not newer either.
        deliver(event("evt-" + UUID.randomUUID(), dealId, 3, "LOST", "30000.00", owner, ""))
                .then().statusCode(200).body("result", equalTo("IGNORED_STALE"));

        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("stage", equalTo("WON")).body("amount.amount", equalTo("30000.00")).body("version", equalTo(0))
                .body("wonAt", notNullValue());
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 2,
                Duration.ofSeconds(5));
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE)).containsExactly(EventTypes.DEAL_CREATED);
    }

    @Test
    void shouldApplyNewerSnapshotsAndRecordAStageJumpInTheHistory() throws Exception {
        String owner = mappedUser("005-jump-");
        String dealId = "006-" + UUID.randomUUID();
        String id = deliver(event("evt-" + UUID.randomUUID(), dealId, 1, "LEAD", "10000.00", owner, ""))
                .then().statusCode(200).extract().path("dealId");
        // Amount and stage at once, straight from LEAD to WON.
        deliver(event("evt-" + UUID.randomUUID(), dealId, 2, "WON", "12000.00", owner, ""))
                .then().statusCode(200).body("result", equalTo("APPLIED")).body("dealVersion", equalTo(2));
        // A newer version that changes nothing keeps the deal's version and publishes nothing.
        deliver(event("evt-" + UUID.randomUUID(), dealId, 3, "WON", "12000.00", owner, ""))
                .then().statusCode(200).body("result", equalTo("APPLIED")).body("dealVersion", equalTo(2));
        // Probability within the same stage.
        deliver(event("evt-" + UUID.randomUUID(), dealId, 4, "WON", "12000.00", owner, ",\"probability\":95"))
                .then().statusCode(200).body("dealVersion", equalTo(3));

        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id + "/history").then().statusCode(200)
                .body("size()", equalTo(2)).body("[1].from", equalTo("LEAD")).body("[1].to", equalTo("WON"))
                .body("[1].actor", equalTo(CLIENT));
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id), 5,
                Duration.ofSeconds(10));
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE)).containsExactly(
                EventTypes.DEAL_CREATED, EventTypes.DEAL_UPDATED, EventTypes.DEAL_STAGE_CHANGED, EventTypes.DEAL_UPDATED);
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.AGGREGATE_VERSION))
                .containsExactly("0", "1", "2", "3");
        DealEvent updated = EventJson.mapper().readValue(events.get(1).value(), DealEvent.class);
        assertThat(updated.changedFields()).containsExactly("amount");
        assertThat(updated.deal().stage()).isEqualTo("LEAD");
        DealEvent won = EventJson.mapper().readValue(events.get(2).value(), DealEvent.class);
        assertThat(won.previousStage()).isEqualTo("LEAD");
        assertThat(won.actor()).isEqualTo(CLIENT);
        assertThat(won.deal().stage()).isEqualTo("WON");
        assertThat(won.deal().amount()).isEqualTo(Money.of("12000", "CNY"));
        assertThat(won.deal().wonAt()).isNotNull();
        assertThat(won.deal().external().version()).isEqualTo(2L);
        DealEvent probability = EventJson.mapper().readValue(events.get(3).value(), DealEvent.class);
        assertThat(probability.changedFields()).containsExactly("probability");
        assertThat(probability.deal().probability()).isEqualTo(95);
    }

    @Test
    void shouldSerialiseConcurrentDeliveriesOfOneNewDeal() throws Exception {
        String owner = mappedUser("005-race-");
        String dealId = "006-" + UUID.randomUUID();
        String account = ",\"account\":{\"externalId\":\"001-" + UUID.randomUUID() + "\",\"name\":\"Race account\"}";
        List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int version = 1; version <= 8; version++) {
                String body = event("evt-" + UUID.randomUUID(), dealId, version, version % 2 == 0 ? "PROPOSAL" : "CONTACTED",
                        version + "000.00", owner, account);
                answers.add(pool.submit(() -> deliver(body)));
            }
        }
        Set<String> dealIds = new java.util.HashSet<>();
        for (var answer : answers) {
            Response response = answer.get();
            response.then().statusCode(200);
            dealIds.add(response.path("dealId"));
        }
        assertThat(dealIds).hasSize(1);
        String id = dealIds.iterator().next();
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().statusCode(200)
                .body("amount.amount", equalTo("8000.00")).body("stage", equalTo("PROPOSAL"));
        int version = TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().extract().path("version");
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(id),
                version + 1, Duration.ofSeconds(30));
        assertThat(events).extracting(r -> Long.parseLong(EventProbe.header(r, CloudEventHeaders.AGGREGATE_VERSION)))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, version).boxed().toList());
    }

    @Test
    void shouldRefuseUnmappedOwnersUntilMappedAndMatchEmailsInAnyCase() {
        String crmUser = "005-unmapped-" + UUID.randomUUID();
        String eventId = "evt-" + UUID.randomUUID();
        String body = event(eventId, "006-" + UUID.randomUUID(), 1, "LEAD", "1000.00", crmUser, "");
        deliver(body).then().statusCode(422).contentType(PROBLEM).body("type", endsWith("/unknown-crm-user"))
                .body("errors.field", hasItem("deal.owner")).body("detail", containsString(crmUser));
        String user = "kc-" + UUID.randomUUID();
        TestTokens.as("admin", "admin").contentType(ContentType.JSON).body("{\"userId\":\"" + user + "\"}")
                .when().put(MAPPINGS + "/" + SYSTEM + "/" + crmUser).then().statusCode(201).body("userId", equalTo(user));
        // Refused events were not recorded: the same event id goes through once the user is mapped.
        String id = deliver(body).then().statusCode(200).body("result", equalTo("APPLIED")).extract().path("dealId");
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + id).then().body("ownerId", equalTo(user));

        String email = "Li.Wei-" + UUID.randomUUID() + "@Example.com";
        String byEmail = event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "LEAD", "1000.00", null, "")
                .replace("\"owner\":{\"externalId\":null}", "\"owner\":{\"externalId\":\"005-only-email\",\"email\":\"" + email + "\"}");
        TestTokens.as("admin", "admin").contentType(ContentType.JSON).body("{\"userId\":\"" + user + "\"}")
                .when().put(MAPPINGS + "/" + SYSTEM + "/" + email.toLowerCase()).then().statusCode(201);
        deliver(byEmail).then().statusCode(200).body("result", equalTo("APPLIED"));
    }

    @Test
    void shouldApplyABatchEventByEventReportingEachResult() {
        String owner = mappedUser("005-batch-");
        String dealA = "006-" + UUID.randomUUID();
        String dealB = "006-" + UUID.randomUUID();
        String first = "evt-" + UUID.randomUUID();
        List<String> events = new ArrayList<>();
        events.add(event(first, dealA, 2, "PROPOSAL", "8000.00", owner, ""));
        events.add(event("evt-" + UUID.randomUUID(), dealB, 1, "LEAD", "100.00", owner, "").replace("\"CNY\"", "\"XYZ\""));
        events.add(event("evt-" + UUID.randomUUID(), dealB, 1, "LEAD", "100.00", "005-nobody-" + UUID.randomUUID(), ""));
        events.add(event(first, dealA, 2, "PROPOSAL", "8000.00", owner, ""));
        events.add(event("evt-" + UUID.randomUUID(), dealA, 1, "LEAD", "8000.00", owner, ""));
        events.add(event("evt-" + UUID.randomUUID(), dealB, 1, "FINISHED", "100.00", owner, ""));
        events.add("42");
        events.add(event("evt-" + UUID.randomUUID(), dealB, 1, "NEGOTIATION", "100.00", owner, ""));

        deliverBatch("{\"events\":[" + String.join(",", events) + "]}").then().statusCode(200)
                .body("applied", equalTo(2)).body("duplicate", equalTo(1)).body("ignoredStale", equalTo(1))
                .body("rejected", equalTo(4)).body("results.size()", equalTo(8))
                .body("results.index", org.hamcrest.Matchers.contains(0, 1, 2, 3, 4, 5, 6, 7))
                .body("results.result", org.hamcrest.Matchers.contains("APPLIED", "REJECTED", "REJECTED", "DUPLICATE",
                        "IGNORED_STALE", "REJECTED", "REJECTED", "APPLIED"))
                .body("results[1].problem.status", equalTo(400)).body("results[1].problem.detail", containsString("XYZ"))
                .body("results[2].problem.status", equalTo(422))
                .body("results[5].problem.errors.field", hasItem("deal.stage"))
                .body("results[6].problem.status", equalTo(400))
                .body("results[3].dealId", notNullValue()).body("results[0].eventId", equalTo(first));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals?size=200").then().statusCode(200);
    }

    @Test
    void shouldRefuseBadInputPrecisely() {
        String owner = mappedUser("005-bad-");
        String deal = "006-" + UUID.randomUUID();
        deliver("{\"eventId\":").then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/malformed-json"));
        deliver("").then().statusCode(400).contentType(PROBLEM);
        deliver("[1]").then().statusCode(400).contentType(PROBLEM);
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner, ",\"colour\":\"red\""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.colour"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner, "").replace("\"crmVersion\":1", "\"crmVersion\":\"one\""))
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("crmVersion"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1e15", owner, ""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.amount.amount"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "-5", owner, ""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.amount.amount"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.001", owner, ""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.amount.amount"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner, "").replace("\"CNY\"", "\"ABC\""))
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("ABC"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "DONE", "1.00", owner, ""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.stage"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner, ",\"probability\":101"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.probability"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner, "").replace("\"crmVersion\":1,", ""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("crmVersion"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner, "").replace(SYSTEM, "sales force"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("crmSystem"));
        deliver(event("e-" + UUID.randomUUID(), deal, 1, "LEAD", "1.00", owner,
                ",\"splits\":[{\"user\":{\"externalId\":\"" + owner + "\"},\"percent\":\"60\"}]"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("deal.splits"));
        deliver("{\"pad\":\"" + "x".repeat(70_000) + "\"}").then().statusCode(413).contentType(PROBLEM);

        deliverBatch("{\"events\":[]}").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("events"));
        deliverBatch("{\"events\":[],\"more\":1}").then().statusCode(400).contentType(PROBLEM);
        deliverBatch("{\"event\":[1]}").then().statusCode(400).contentType(PROBLEM);
        deliverBatch("{\"events\":[" + String.join(",", java.util.Collections.nCopies(501, "{}")) + "]}")
                .then().statusCode(413).contentType(PROBLEM).body("type", endsWith("/batch-too-large"));
        TestTokens.as("admin", "admin").when().get("/api/pipeline/deals?size=200").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(hasItem("Deal " + deal)));
    }

    // ---- helpers --------------------------------------------------------------------------------------------
    /** Signed with test-support's key, shaped like Keycloak's service-account tokens. */
    static String serviceAccountToken(String sub, String clientId) throws Exception {
        String pem;
        try (java.io.InputStream in = TestTokens.class.getResourceAsStream("/attain-test/token-signing-key.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        }
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        return io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).subject(sub).claim("azp", clientId)
                .claim("preferred_username", "service-account-" + clientId)
                .claim("realm_access", java.util.Map.of("roles", List.of("crm-integration")))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId("attain-test").sign(key);
    }


    /** A CRM user id mapped to the Attain user "kc-" + the same id. */
    static String mappedUser(String prefix) {
        String crmUser = prefix + UUID.randomUUID();
        TestTokens.as("admin", "admin").contentType(ContentType.JSON).body("{\"userId\":\"" + userIdOf(crmUser) + "\"}")
                .when().put(MAPPINGS + "/" + SYSTEM + "/" + crmUser).then().statusCode(201);
        return crmUser;
    }

    static String userIdOf(String crmUser) {
        return "kc-" + crmUser;
    }

    static String event(String eventId, String crmDealId, long version, String stage, String amount, String owner, String extra) {
        return "{\"eventId\":\"" + eventId + "\",\"crmSystem\":\"" + SYSTEM + "\",\"crmDealId\":\"" + crmDealId + "\","
                + "\"crmVersion\":" + version + ",\"deal\":{\"name\":\"Deal " + crmDealId + "\","
                + "\"owner\":{\"externalId\":" + (owner == null ? "null" : "\"" + owner + "\"") + "},"
                + "\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"},\"productLine\":\"A\","
                + "\"stage\":\"" + stage + "\"" + extra + "}}";
    }

    static io.restassured.specification.RequestSpecification crm() {
        return TestTokens.as(CLIENT, "crm-integration");
    }

    static Response deliver(String body) {
        return signed(body).when().post(EVENTS);
    }

    static Response deliverBatch(String body) {
        return signed(body).when().post(BATCH);
    }

    static io.restassured.specification.RequestSpecification signed(String body) {
        return signedBy(CLIENT, SECRET, body);
    }

    static io.restassured.specification.RequestSpecification signedBy(String client, String secret, String body) {
        String now = Long.toString(Instant.now().getEpochSecond());
        return TestTokens.as(client, "crm-integration").contentType(ContentType.JSON).header(CrmSignature.TIMESTAMP_HEADER, now)
                .header(CrmSignature.SIGNATURE_HEADER, CrmSignature.sign(secret, now, bytes(body))).body(bytes(body));
    }

    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
