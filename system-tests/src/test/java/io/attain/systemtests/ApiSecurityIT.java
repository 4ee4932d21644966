package io.attain.systemtests;

import io.attain.local.DemoUsers;
import io.attain.local.DemoUsers.DemoUser;
import io.attain.local.Suite;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * The OWASP API Security Top 10 (2023), where it applies, against the whole stack through the gateway with
 * real Keycloak tokens of the demo organisation: rep A (王芳, key accounts) and rep A2 (李娜) with their
 * manager (陈刚), rep B (张伟, regional) with another manager (刘洋), finance, admin and the CRM client.
 * Every case asserts the exact status and that nothing leaked or changed. (API7, server-side request
 * forgery, does not apply: no endpoint fetches a URL a client supplies.)
 */
@ExtendWith(AttainSuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIT {
    private static final DemoUser REP_A = DemoUsers.KEY_ACCOUNTS_REP;
    private static final DemoUser REP_B = DemoUsers.REGIONAL_REP;
    private static final DemoUser MANAGER_A = DemoUsers.KEY_ACCOUNTS_MANAGER;
    private static final DemoUser MANAGER_B = DemoUsers.REGIONAL_MANAGER;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private final Api api;
    private final Tokens tokens;
    private final Crm crm;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final Map<DemoUser, String> tokenOf = new LinkedHashMap<>();

    private String dealOfA;
    private String targetOfA;
    private String currentPeriod;

    ApiSecurityIT(Suite suite) {
        this.api = new Api(suite);
        this.tokens = new Tokens(suite);
        this.crm = new Crm(api, tokens);
    }

    @BeforeAll
    void setUp() {
        for (DemoUser user : List.of(REP_A, REP_B, MANAGER_A, MANAGER_B, DemoUsers.FINANCE, DemoUsers.ADMIN,
                DemoUsers.KEY_ACCOUNTS_REP_2, DemoUsers.ONLINE_REP)) {
            tokenOf.put(user, tokens.of(user));
        }
        dealOfA = as(REP_A)
                .body(Map.of("name", "Security deal " + suffix, "amount", Api.money("88000.00", "CNY"),
                        "productLine", "A", "expectedCloseDate", LocalDate.now().plusDays(20).toString()))
                .when().post("/api/pipeline/deals")
                .then().statusCode(201).extract().path("id");

        String department = as(DemoUsers.ADMIN).when().get("/api/targets/members/" + REP_A.id())
                .then().statusCode(200).extract().path("orgUnitId");
        LocalDate start = LocalDate.of(LocalDate.now().getYear() + 1, 4, 1);
        targetOfA = as(DemoUsers.ADMIN)
                .body(Map.of("metric", "REVENUE", "periodStart", start.toString(),
                        "periodEnd", start.plusMonths(3).minusDays(1).toString(), "orgUnitId", department,
                        "memberId", REP_A.id(), "value", Api.money("2000000.00", "CNY")))
                .when().post("/api/targets/targets")
                .then().statusCode(201).extract().path("id");
        as(DemoUsers.ADMIN).when().post("/api/targets/targets/" + targetOfA + "/publish").then().statusCode(200);

        as(DemoUsers.ADMIN).body(Map.of("userId", REP_A.id()))
                .when().put("/api/pipeline/crm/user-mappings/demo-crm/" + crmOwner())
                .then().statusCode(anyOf(is(200), is(201)));

        currentPeriod = as(DemoUsers.FINANCE).when().get("/api/incentives/periods?size=200")
                .then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(p -> !LocalDate.now().isBefore(LocalDate.parse(p.get("start").toString()))
                        && !LocalDate.now().isAfter(LocalDate.parse(p.get("end").toString())))
                .map(p -> p.get("id").toString())
                .findFirst().orElseThrow(() -> new AssertionError("the demo data opens a period for this quarter"));
    }

    /** API1: broken object level authorization. */
    @Nested
    class ObjectLevelAuthorization {

        @Test
        void aRepCanNeitherReadNorChangeAnotherRepsDeal() {
            JsonPath before = as(REP_A).when().get("/api/pipeline/deals/" + dealOfA)
                    .then().statusCode(200).extract().jsonPath();

            problem(as(REP_B).when().get("/api/pipeline/deals/" + dealOfA), 404);
            problem(as(REP_B).header("If-Match", "*")
                    .body(Map.of("name", "Taken over", "amount", Api.money("1.00", "CNY"), "productLine", "A",
                            "ownerId", REP_B.id()))
                    .when().put("/api/pipeline/deals/" + dealOfA), 404);
            problem(as(REP_B).body(Map.of("stage", "LOST")).when().post("/api/pipeline/deals/" + dealOfA + "/stage"), 404);

            JsonPath after = as(REP_A).when().get("/api/pipeline/deals/" + dealOfA)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(after.getLong("version")).isEqualTo(before.getLong("version"));
            assertThat(after.getString("name")).isEqualTo("Security deal " + suffix);
            assertThat(after.getString("ownerId")).isEqualTo(REP_A.id());
            assertThat(after.getString("stage")).isEqualTo("LEAD");
        }

        @Test
        void aRepsDealIsVisibleToTheirManagerOnlyNotToAnotherTeamsManager() {
            await("org events reached pipeline-service").atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1))
                    .until(() -> as(MANAGER_A).when().get("/api/pipeline/deals/" + dealOfA).statusCode() == 200);
            problem(as(MANAGER_B).when().get("/api/pipeline/deals/" + dealOfA), 404);
            List<String> listedToB = as(MANAGER_B).when().get("/api/pipeline/deals?size=200")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            assertThat(listedToB).doesNotContain(dealOfA);
        }

        @Test
        void aRepCannotReadAnotherRepsTargetOrAttainment() {
            as(REP_A).when().get("/api/targets/targets/" + targetOfA).then().statusCode(200);
            problem(as(REP_B).when().get("/api/targets/targets/" + targetOfA), 404);
            problem(as(REP_B).when().get("/api/targets/targets/" + targetOfA + "/attainment"), 404);
            problem(as(REP_B).when().get("/api/targets/targets/" + targetOfA + "/adjustments"), 404);
            problem(as(MANAGER_B).when().get("/api/targets/targets/" + targetOfA), 404);
        }

        @Test
        void aRepCannotReadAnotherRepsCreditsQuotasOrStatement() {
            problem(as(REP_B).when().get("/api/incentives/members/" + REP_A.id() + "/credits"), 404);
            problem(as(REP_B).when().get("/api/incentives/members/" + REP_A.id() + "/quotas"), 404);
            problem(as(REP_B).when().get("/api/incentives/members/" + REP_A.id() + "/statements/" + currentPeriod), 404);
            Response listed = as(REP_B).when().get("/api/incentives/statements?periodId=" + currentPeriod + "&memberId=" + REP_A.id());
            assertThat(listed.statusCode()).isIn(200, 404);
            if (listed.statusCode() == 200) {
                assertThat(listed.jsonPath().getList("items.memberId")).doesNotContain(REP_A.id());
            }
            problem(as(MANAGER_B).when().get("/api/incentives/members/" + REP_A.id() + "/credits"), 404);
        }
    }

    /** API2: broken authentication — tokens at the gateway and in the services, CRM signatures. */
    @Nested
    class Authentication {

        @Test
        void everyApiRouteRefusesAMissingForgedOrUnsignedToken() {
            String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(
                    "{\"sub\":\"" + REP_A.id() + "\",\"realm_access\":{\"roles\":[\"admin\"]},\"exp\":"
                            + Instant.now().plusSeconds(600).getEpochSecond() + "}") + ".";
            String tampered = tamperedToken(tokenOf.get(REP_A));
            for (String path : List.of("/api/targets/org-units", "/api/pipeline/deals", "/api/incentives/periods",
                    "/api/incentives/members/" + REP_A.id() + "/credits")) {
                problem(api.anonymous().when().get(path), 401);
                problem(api.as(unsigned).when().get(path), 401);
                problem(api.as(tampered).when().get(path), 401);
            }
        }

        @Test
        void crmDeliveriesNeedAFreshValidSignature() {
            long dealsBefore = totalDeals();
            String body = Crm.json(crmEvent("sig-" + suffix, "WON", "1000.00"));
            String now = Long.toString(Instant.now().getEpochSecond());
            String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());

            problem(api.as(crm.token()).body(body).when().post(Crm.EVENTS), 401);
            problem(response(crm.postSigned(Crm.EVENTS, body, now, "sha256=" + "0".repeat(64))), 401);
            problem(response(crm.postSigned(Crm.EVENTS, body, now, Crm.sign("not-the-secret", now, body))), 401);
            problem(response(crm.postSigned(Crm.EVENTS, body, stale, Crm.sign(DemoUsers.CRM_SIGNING_SECRET, stale, body))), 401);
            problem(response(crm.postSigned(Crm.EVENTS, body.replace("1000.00", "9000000.00"), now,
                    Crm.sign(DemoUsers.CRM_SIGNING_SECRET, now, body))), 401);

            assertThat(totalDeals()).isEqualTo(dealsBefore);
        }
    }

    /** API3: broken object property level authorization (mass assignment of server-owned fields). */
    @Nested
    class PropertyLevelAuthorization {

        @Test
        void aRepCannotCreateADealForSomeoneElse() {
            long before = totalDeals();
            Response response = as(REP_A)
                    .body(Map.of("name", "Planted " + suffix, "ownerId", REP_B.id(), "amount", Api.money("5000.00", "CNY"),
                            "productLine", "A"))
                    .when().post("/api/pipeline/deals");
            assertThat(response.statusCode()).isIn(400, 403);
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
            assertThat(totalDeals()).isEqualTo(before);
        }

        @Test
        void serverOwnedDealFieldsCannotBeWritten() {
            Response current = as(REP_A).when().get("/api/pipeline/deals/" + dealOfA);
            String etag = current.header("ETag");
            for (Map.Entry<String, Object> field : Map.<String, Object>of(
                    "stage", "WON", "collected", Api.money("88000.00", "CNY"), "version", 99,
                    "wonAt", Instant.now().toString(), "id", UUID.randomUUID().toString()).entrySet()) {
                Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Security deal " + suffix,
                        "amount", Api.money("88000.00", "CNY"), "productLine", "A"));
                body.put(field.getKey(), field.getValue());
                problem(as(REP_A).header("If-Match", etag).body(body).when().put("/api/pipeline/deals/" + dealOfA), 400);
            }
            JsonPath after = as(REP_A).when().get("/api/pipeline/deals/" + dealOfA).then().statusCode(200).extract().jsonPath();
            assertThat(after.getString("stage")).isEqualTo("LEAD");
            assertThat(as(REP_A).when().get("/api/pipeline/deals/" + dealOfA).header("ETag")).isEqualTo(etag);
        }

        @Test
        void theCreditLedgerHasNoWriteEndpoint() {
            Response response = as(DemoUsers.ADMIN)
                    .body(Map.of("dealId", UUID.randomUUID().toString(), "amount", Api.money("1.00", "CNY")))
                    .when().post("/api/incentives/members/" + REP_A.id() + "/credits");
            assertThat(response.statusCode()).isIn(404, 405);
        }
    }

    /** API4: unrestricted resource consumption. */
    @Nested
    class ResourceConsumption {

        @Test
        void oversizedPagesAreRefused() {
            for (String path : List.of("/api/targets/org-units", "/api/pipeline/deals", "/api/pipeline/accounts",
                    "/api/incentives/periods")) {
                problem(as(DemoUsers.ADMIN).when().get(path + "?size=100000"), 400);
            }
        }

        @Test
        void oversizedBodiesAreRefused() {
            long before = totalDeals();
            for (int megabytes : List.of(2, 11)) {
                String huge = "x".repeat(megabytes * 1024 * 1024);
                problem(as(REP_A).body("{\"name\":\"" + huge + "\"}").when().post("/api/pipeline/deals"), 413);
            }
            assertThat(totalDeals()).isEqualTo(before);
        }

        @Test
        void aFloodIsThrottledWithRetryAfterAndThenServedAgain() {
            DemoUser flooder = DemoUsers.ONLINE_REP;
            List<Response> answers = flood(flooder, 200);
            List<Response> throttled = answers.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(throttled).isNotEmpty();
            assertThat(answers.stream().filter(r -> r.statusCode() != 429)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            Response first = throttled.getFirst();
            assertThat(first.contentType()).startsWith(PROBLEM_JSON);
            long retryAfter = Long.parseLong(first.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 60L);

            await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 10))
                    .until(() -> as(flooder).when().get("/api/pipeline/deals?size=1").statusCode() == 200);
        }

        @Test
        void aCrmBatchAboveTheLimitIsRefusedWhole() {
            long before = totalDeals();
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                events.add(crmEvent("flood-" + suffix + "-" + i, "LEAD", "100.00"));
            }
            Response response = response(crm.post(Crm.BATCH, Map.of("events", events)));
            assertThat(response.statusCode()).isIn(400, 413);
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
            assertThat(totalDeals()).isEqualTo(before);
        }
    }

    /** API5: broken function level authorization. */
    @Nested
    class FunctionLevelAuthorization {

        @Test
        void aRepCannotCallAdminOrFinanceFunctions() {
            problem(as(REP_A).body(Map.of("name", "Rogue " + suffix, "kind", "COMPANY")).when().post("/api/targets/org-units"), 403);
            problem(as(REP_A).body(Map.of("name", "Rogue plan", "currency", "CNY", "effectiveFrom", "2026-01-01",
                    "terms", Map.of())).when().post("/api/incentives/plans"), 403);
            problem(as(REP_A).body(Map.of("name", "Rogue period", "start", "2030-01-01", "end", "2030-03-31"))
                    .when().post("/api/incentives/periods"), 403);
            problem(as(REP_A).when().post("/api/incentives/periods/" + currentPeriod + "/close"), 403);
            problem(as(REP_A).when().post("/api/incentives/periods/" + currentPeriod + "/calculate"), 403);
            problem(as(REP_A).when().get("/api/incentives/periods/" + currentPeriod + "/report?format=csv"), 403);
            problem(as(REP_A).body(Map.of("userId", REP_A.id()))
                    .when().put("/api/pipeline/crm/user-mappings/demo-crm/rogue-" + suffix), 403);
            problem(as(REP_A).body(Map.of("from", "USD", "to", "CNY", "effectiveFrom", "2026-01-01", "rate", "100"))
                    .when().post("/api/incentives/exchange-rates"), 403);
        }

        @Test
        void aManagerCannotClosePeriodsOrEditPlans() {
            problem(as(MANAGER_A).when().post("/api/incentives/periods/" + currentPeriod + "/close"), 403);
            problem(as(MANAGER_A).body(Map.of("name", "Manager plan", "currency", "CNY", "effectiveFrom", "2026-01-01",
                    "terms", Map.of())).when().post("/api/incentives/plans"), 403);
        }

        @Test
        void onlyTheCrmClientMayDeliverCrmEventsAndItMayDoNothingElse() {
            String body = Crm.json(crmEvent("role-" + suffix, "LEAD", "100.00"));
            String now = Long.toString(Instant.now().getEpochSecond());
            problem(as(REP_A).header("X-Attain-Timestamp", now)
                    .header("X-Attain-Signature", Crm.sign(DemoUsers.CRM_SIGNING_SECRET, now, body))
                    .body(body).when().post(Crm.EVENTS), 403);
            problem(api.as(crm.token()).when().get("/api/pipeline/deals"), 403);
            problem(api.as(crm.token()).when().get("/api/incentives/periods"), 403);
            problem(api.as(crm.token()).body(Map.of("name", "CRM org", "kind", "COMPANY")).when().post("/api/targets/org-units"), 403);
        }
    }

    /** API6: unrestricted access to sensitive business flows. */
    @Nested
    class SensitiveBusinessFlows {

        @Test
        void aPeriodIsClosedOnceByFinanceOnly() {
            String periodId = as(DemoUsers.FINANCE)
                    .body(Map.of("name", "Security " + suffix, "start", "2019-01-01", "end", "2019-03-31", "currency", "CNY"))
                    .when().post("/api/incentives/periods")
                    .then().statusCode(201).extract().path("id");

            as(DemoUsers.FINANCE).when().post("/api/incentives/periods/" + periodId + "/calculate")
                    .then().statusCode(200).body("status", is("CALCULATED"));
            problem(as(DemoUsers.ADMIN).when().post("/api/incentives/periods/" + periodId + "/close"), 403);
            problem(as(MANAGER_A).when().post("/api/incentives/periods/" + periodId + "/close"), 403);
            as(DemoUsers.FINANCE).when().post("/api/incentives/periods/" + periodId + "/close")
                    .then().statusCode(200).body("status", is("CLOSED"));
            problem(as(DemoUsers.FINANCE).when().post("/api/incentives/periods/" + periodId + "/close"), 409);
            problem(as(DemoUsers.FINANCE).when().post("/api/incentives/periods/" + periodId + "/calculate"), 409);
        }

        @Test
        void aLargeTargetAdjustmentNeedsAHigherManagersApproval() {
            JsonPath adjustment = as(MANAGER_A)
                    .body(Map.of("newValue", Api.money("4000000.00", "CNY"), "reason", "security test " + suffix))
                    .when().post("/api/targets/targets/" + targetOfA + "/adjustments")
                    .then().statusCode(anyOf(is(201), is(202))).extract().jsonPath();
            assertThat(adjustment.getString("status")).isEqualTo("PENDING");
            String approve = "/api/targets/targets/" + targetOfA + "/adjustments/" + adjustment.getString("id") + "/approve";

            problem(as(REP_A).when().post(approve), 403);
            problem(as(MANAGER_A).when().post(approve), 403);
            Response other = as(MANAGER_B).when().post(approve);
            assertThat(other.statusCode()).isIn(403, 404);
            assertThat(as(REP_A).when().get("/api/targets/targets/" + targetOfA)
                    .then().statusCode(200).extract().<String>path("value.amount")).isEqualTo("2000000.00");

            as(DemoUsers.ADMIN).when().post(approve).then().statusCode(200).body("status", is("APPLIED"));
            assertThat(as(REP_A).when().get("/api/targets/targets/" + targetOfA)
                    .then().statusCode(200).extract().<String>path("value.amount")).isEqualTo("4000000.00");
        }
    }

    /** API8: security misconfiguration — CORS and error bodies. */
    @Nested
    class Misconfiguration {

        @Test
        void anUnknownOriginGetsNoCorsGrant() {
            Response preflight = api.anonymous().header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET")
                    .when().options("/api/pipeline/deals");
            assertThat(preflight.statusCode()).isEqualTo(403);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

            Response simple = as(REP_A).header("Origin", "https://evil.example").when().get("/api/pipeline/deals?size=1");
            assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
        }

        @Test
        void errorsAreProblemsWithoutInternals() {
            for (Response response : List.of(
                    as(REP_A).body("{\"name\": ").when().post("/api/pipeline/deals"),
                    as(REP_A).body("{\"name\":\"x\",\"amount\":{\"amount\":\"abc\",\"currency\":\"CNY\"},\"productLine\":\"A\"}")
                            .when().post("/api/pipeline/deals"),
                    as(DemoUsers.ADMIN).when().get("/api/targets/targets/not-a-uuid"),
                    as(DemoUsers.FINANCE).when().get("/api/incentives/periods/" + UUID.randomUUID()))) {
                assertThat(response.statusCode()).isBetween(400, 499);
                assertThat(response.contentType()).startsWith(PROBLEM_JSON);
                assertThat(response.asString()).doesNotContain("Exception", "\tat ", "org.hibernate", "io.quarkus");
            }
        }
    }

    /** API9: improper inventory management — only the documented API is reachable from outside. */
    @Nested
    class Inventory {

        @Test
        void onlyTheApiRoutesLeadToTheServices() {
            problem(as(DemoUsers.ADMIN).when().get("/api/unknown/things"), 404);
            // Encoded dot segments are resolved by the gateway before routing, so they can at most reach the
            // gateway's own /q endpoints, never a service's management endpoints (metrics only a service has).
            for (String path : List.of("/api/targets/%2e%2e/%2e%2e/q/metrics", "/api/pipeline/%2E%2E/%2E%2E/q/metrics",
                    "/api/incentives/..%2f..%2fq/metrics")) {
                Response response = as(DemoUsers.ADMIN).urlEncodingEnabled(false).accept("*/*").when().get(path);
                assertThat(response.asString()).as(path).doesNotContain("attain_outbox_published");
            }
        }
    }

    /** API10: unsafe consumption of APIs — what a CRM sends is validated like any input. */
    @Nested
    class UnsafeConsumption {

        @Test
        @SuppressWarnings("unchecked")
        void malformedCrmPayloadsAreRefusedPreciselyAndChangeNothing() {
            long before = totalDeals();
            Map<String, Object> unknownField = crmEvent("bad-1-" + suffix, "WON", "100.00");
            unknownField.put("adminOverride", true);
            Map<String, Object> badStage = crmEvent("bad-2-" + suffix, "SHIPPED", "100.00");
            Map<String, Object> negative = crmEvent("bad-3-" + suffix, "WON", "-100.00");
            Map<String, Object> badCurrency = crmEvent("bad-4-" + suffix, "WON", "100.00");
            ((Map<String, Object>) badCurrency.get("deal")).put("amount", Map.of("amount", "100.00", "currency", "XXY"));

            problem(response(crm.post(Crm.EVENTS, "{\"eventId\": \"bad-0\", ")), 400);
            for (Map<String, Object> bad : List.of(unknownField, badStage, negative, badCurrency)) {
                problem(response(crm.post(Crm.EVENTS, bad)), 400);
            }
            assertThat(totalDeals()).isEqualTo(before);
        }
    }

    /** {@code requests} GETs as {@code user} from 16 threads at once, far above the per-user refill rate. */
    private List<Response> flood(DemoUser user, int requests) {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(threads.submit(() -> as(user).when().get("/api/pipeline/deals?size=1")));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError("flood did not complete", e);
        } finally {
            threads.shutdownNow();
        }
    }

    private io.restassured.specification.RequestSpecification as(DemoUser user) {
        return api.as(tokenOf.get(user));
    }

    private long totalDeals() {
        return as(DemoUsers.ADMIN).when().get("/api/pipeline/deals?size=1")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private Map<String, Object> crmEvent(String eventId, String stage, String amount) {
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("name", "Security CRM deal " + suffix);
        deal.put("owner", Map.of("externalId", crmOwner()));
        deal.put("amount", Api.money(amount, "CNY"));
        deal.put("productLine", "A");
        deal.put("stage", stage);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("crmSystem", "demo-crm");
        event.put("crmDealId", "sec-" + eventId);
        event.put("crmVersion", 1);
        event.put("deal", deal);
        return event;
    }

    /** A CRM user mapped to rep A, so that a refused event is refused for what is wrong with it. */
    private String crmOwner() {
        return "sec-owner-" + suffix;
    }

    private static Response response(ValidatableResponse response) {
        return response.extract().response();
    }

    private static void problem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as("content type of a " + status).startsWith(PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same token with its claims rewritten to claim the admin role; the signature no longer matches. */
    private static String tamperedToken(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"roles\":[", "\"roles\":[\"admin\",");
        return parts[0] + "." + base64(claims) + "." + parts[2];
    }
}
