package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.attain.local.DemoUsers.DemoUser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo company of the seed documents, loaded through the gateway with real tokens: the org tree
 * 大客户部 / 区域销售部 / 线上销售部 with the demo managers and reps; the target plans of the seed examples
 * ({@link TargetsDemo}: the company's 120,000,000 CNY by product line, region, tier, quarter and month, the
 * key-account department's 80,000,000, a rep's 3,000,000 quarter); a commission plan per rep and an open
 * period ({@link IncentiveDemo}); one deal of that rep taken to WON; and a working funnel for every rep
 * ({@link PipelineDemo}).
 *
 * <p>Every step looks before it writes, so loading again into kept data changes nothing.
 */
public final class DemoData {
    public static final String COMPANY = "示例科技有限公司";
    public static final String ANNUAL_TARGET = "120000000.00";
    public static final String QUARTERLY_REP_TARGET = "3000000.00";
    public static final String CURRENCY = "CNY";
    public static final DemoUser DEAL_OWNER = DemoUsers.KEY_ACCOUNTS_REP;
    public static final String DEAL_NAME = "华东制造集团 ERP 升级";
    public static final String DEAL_AMOUNT = "1200000.00";
    /** The default funnel up to a signed contract. */
    static final List<String> STAGES_TO_WON = List.of("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON");

    private final ApiClient api;
    private final Consumer<String> progress;
    private final LocalDate today;

    private DemoData(ApiClient api, Consumer<String> progress, LocalDate today) {
        this.api = api;
        this.progress = progress;
        this.today = today;
    }

    /** Loads what is missing; returns the id of the demo deal. */
    public static String load(Suite suite) {
        DemoData demo = new DemoData(new ApiClient(suite.gatewayUrl(), suite.keycloak().tokenUrl()),
                suite.options().progress(), LocalDate.now());
        return demo.load();
    }

    private String load() {
        Instant start = Instant.now();
        JsonNode company = orgUnit(COMPANY, "COMPANY", null, null);
        Map<String, JsonNode> departments = new LinkedHashMap<>();
        departments.put(DemoUsers.Departments.KEY_ACCOUNTS, orgUnit(DemoUsers.Departments.KEY_ACCOUNTS, "DEPARTMENT",
                company, DemoUsers.KEY_ACCOUNTS_MANAGER.id()));
        departments.put(DemoUsers.Departments.REGIONAL, orgUnit(DemoUsers.Departments.REGIONAL, "DEPARTMENT",
                company, DemoUsers.REGIONAL_MANAGER.id()));
        departments.put(DemoUsers.Departments.ONLINE, orgUnit(DemoUsers.Departments.ONLINE, "DEPARTMENT",
                company, null));
        for (DemoUser user : DemoUsers.ALL) {
            if (user.department() != null) {
                member(user, departments.get(user.department()));
            }
        }

        TargetsDemo.load(api, progress, today);
        IncentiveDemo.load(api, progress, today);
        String dealId = wonDeal();
        PipelineDemo.load(api, progress, today);
        progress.accept("Demo data         ready in " + Suite.seconds(Duration.between(start, Instant.now())));
        return dealId;
    }

    private JsonNode orgUnit(String name, String kind, JsonNode parent, String managerId) {
        String parentId = parent == null ? null : id(parent);
        for (JsonNode unit : items(api.getOk(DemoUsers.ADMIN, "/api/targets/org-units?page=0&size=200"))) {
            if (name.equals(unit.path("name").asText())
                    && (parentId == null ? unit.path("parentId").isNull() || unit.path("parentId").isMissingNode()
                    : parentId.equals(unit.path("parentId").asText()))) {
                return unit;
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("kind", kind);
        request.put("parentId", parentId);
        request.put("managerId", managerId);
        progress.accept("Demo data         org unit " + name);
        return api.postOk(DemoUsers.ADMIN, "/api/targets/org-units", request);
    }

    private void member(DemoUser user, JsonNode orgUnit) {
        ApiClient.Answer existing = api.get(DemoUsers.ADMIN, "/api/targets/members/" + user.id());
        if (existing.isOk()) {
            return;
        }
        if (existing.status() != 404) {
            throw new SuiteException("GET member " + user.username() + " answered " + existing.status() + ": " + existing.body());
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("memberId", user.id());
        request.put("displayName", user.displayName());
        request.put("email", user.email());
        request.put("orgUnitId", id(orgUnit));
        request.put("role", user.role().equals("manager") ? "MANAGER" : "REP");
        progress.accept("Demo data         member " + user.displayName() + " (" + user.username() + ") in " + orgUnit.path("name").asText());
        api.postOk(DemoUsers.ADMIN, "/api/targets/members", request);
    }

    private String wonDeal() {
        Optional<JsonNode> existing = Optional.empty();
        for (JsonNode deal : items(api.getOk(DEAL_OWNER, "/api/pipeline/deals?page=0&size=200"))) {
            if (DEAL_NAME.equals(deal.path("name").asText())) {
                existing = Optional.of(deal);
            }
        }
        JsonNode deal = existing.orElseGet(() -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", DEAL_NAME);
            request.put("amount", Map.of("amount", DEAL_AMOUNT, "currency", CURRENCY));
            request.put("productLine", "A");
            request.put("channel", "DIRECT");
            request.put("region", "华东");
            request.put("customerTier", "KA");
            request.put("newCustomer", false);
            request.put("expectedCloseDate", today.plusMonths(1).toString());
            progress.accept("Demo data         deal '" + DEAL_NAME + "' of " + DEAL_OWNER.displayName() + ", " + DEAL_AMOUNT + " " + CURRENCY);
            return api.postOk(DEAL_OWNER, "/api/pipeline/deals", request);
        });
        String dealId = id(deal);
        int reached = STAGES_TO_WON.indexOf(deal.path("stage").asText());
        if (reached >= 0 && reached < STAGES_TO_WON.size() - 1) {
            for (String stage : STAGES_TO_WON.subList(reached + 1, STAGES_TO_WON.size())) {
                api.postOk(DEAL_OWNER, "/api/pipeline/deals/" + dealId + "/stage", Map.of("stage", stage));
            }
            progress.accept("Demo data         deal moved to WON");
        }
        return dealId;
    }

    /**
     * Waits until incentive-service shows the won deal's credit (it arrives through Kafka); returns it,
     * or empty when it did not show up within {@code timeout}.
     */
    public static Optional<JsonNode> awaitCredit(Suite suite, String dealId, Duration timeout) {
        ApiClient api = new ApiClient(suite.gatewayUrl(), suite.keycloak().tokenUrl());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            ApiClient.Answer answer = api.get(DEAL_OWNER, "/api/incentives/members/" + DEAL_OWNER.id() + "/credits");
            if (answer.isOk()) {
                for (JsonNode credit : answer.body().path("credits")) {
                    if (dealId.equals(credit.path("dealId").asText())) {
                        return Optional.of(credit);
                    }
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Iterable<JsonNode> items(JsonNode page) {
        return page.path("items");
    }

    private static String id(JsonNode resource) {
        String id = resource.path("id").asText();
        if (id.isEmpty()) {
            throw new SuiteException("the API answered without an id: " + resource);
        }
        return id;
    }
}
