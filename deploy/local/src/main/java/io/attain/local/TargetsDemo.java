package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.attain.local.DemoUsers.DemoUser;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The seed examples of PRODUCT.md as target plans, created through the API on top of the org tree that
 * {@link DemoData} loads:
 *
 * <ul>
 *   <li>the company's annual 120,000,000 CNY, by product line (A 70 M, B 30 M, services 20 M), region
 *       (core 70 % / potential 30 %), customer tier (large 40 % / mid 40 % / small 20 %), quarter (seasonality
 *       20 / 25 / 25 / 30 %) and month;</li>
 *   <li>the key-account department's 80,000,000 CNY: existing accounts 60 M + new accounts 20 M;</li>
 *   <li>a key-account rep's 3,000,000 CNY quarter: months 800,000 / 1,000,000 / 1,200,000, each by product
 *       (A 2 : B 1) and existing 60 % / new 40 %.</li>
 * </ul>
 *
 * Each plan is looked up before it is created, decomposed or published, so loading again changes nothing.
 * Call after {@link DemoData} has created the org: {@code TargetsDemo.load(api, progress, today)}.
 */
final class TargetsDemo {

    static final String CURRENCY = "CNY";
    static final String COMPANY_ANNUAL = "120000000.00";
    static final String KEY_ACCOUNTS_ANNUAL = "80000000.00";
    static final String REP_QUARTER = "3000000.00";
    static final DemoUser REP = DemoUsers.KEY_ACCOUNTS_REP;

    private final ApiClient api;
    private final Consumer<String> progress;

    private TargetsDemo(ApiClient api, Consumer<String> progress) {
        this.api = api;
        this.progress = progress;
    }

    static void load(ApiClient api, Consumer<String> progress, LocalDate today) {
        new TargetsDemo(api, progress).load(today);
    }

    private void load(LocalDate today) {
        JsonNode company = unit(DemoData.COMPANY, null);
        JsonNode keyAccounts = unit(DemoUsers.Departments.KEY_ACCOUNTS, id(company));
        int year = today.getYear();
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        LocalDate yearEnd = LocalDate.of(year, 12, 31);

        plan(DemoUsers.ADMIN, "公司年度销售目标 " + year, id(company), null, yearStart, yearEnd, COMPANY_ANNUAL, List.of(
                level("product line", "PRODUCT_LINE", shares("WEIGHTS", Map.of("A", "70", "B", "30", "services", "20"))),
                level("region", "REGION", shares("PERCENTAGES", Map.of("core", "70", "potential", "30"))),
                level("customer tier", "CUSTOMER_TIER", shares("PERCENTAGES", Map.of("large", "40", "mid", "40", "small", "20"))),
                level("quarter", "TIME", shares("PERCENTAGES", Map.of("Q1", "20", "Q2", "25", "Q3", "25", "Q4", "30"))),
                level("month", "TIME", equal(List.of("M1", "M2", "M3")))));

        plan(DemoUsers.KEY_ACCOUNTS_MANAGER, "大客户部年度目标 " + year, id(keyAccounts), null, yearStart, yearEnd,
                KEY_ACCOUNTS_ANNUAL, List.of(
                        level("accounts", "NEW_VS_EXISTING", shares("WEIGHTS", Map.of("existing", "60", "new", "20")))));

        LocalDate quarterStart = LocalDate.of(year, (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
        plan(DemoUsers.KEY_ACCOUNTS_MANAGER, REP.displayName() + " 季度目标", id(keyAccounts), REP.id(), quarterStart,
                quarterStart.plusMonths(3).minusDays(1), REP_QUARTER, List.of(
                        level("month", "TIME", shares("WEIGHTS", Map.of("M1", "8", "M2", "10", "M3", "12"))),
                        level("product line", "PRODUCT_LINE", shares("WEIGHTS", Map.of("A", "2", "B", "1"))),
                        level("customers", "NEW_VS_EXISTING", shares("PERCENTAGES", Map.of("existing", "60", "new", "40")))));
    }

    /** Finds, else creates, the plan; decomposes it when still undecomposed; publishes it when still a draft. */
    private void plan(DemoUser as, String name, String orgUnitId, String memberId, LocalDate from, LocalDate to,
                      String amount, List<Map<String, Object>> levels) {
        JsonNode plan = null;
        for (JsonNode candidate : api.getOk(as, "/api/targets/plans?orgUnitId=" + orgUnitId + "&metric=REVENUE&page=0&size=200")
                .path("items")) {
            boolean sameMember = memberId == null ? candidate.path("memberId").isNull() || candidate.path("memberId").isMissingNode()
                    : memberId.equals(candidate.path("memberId").asText());
            if (sameMember && from.toString().equals(candidate.path("periodStart").asText())
                    && to.toString().equals(candidate.path("periodEnd").asText())) {
                plan = candidate;
                break;
            }
        }
        if (plan == null) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", name);
            request.put("metric", "REVENUE");
            request.put("periodStart", from.toString());
            request.put("periodEnd", to.toString());
            request.put("orgUnitId", orgUnitId);
            request.put("memberId", memberId);
            request.put("value", Map.of("amount", amount, "currency", CURRENCY));
            progress.accept("Demo data         plan " + name + ": " + amount + " " + CURRENCY + " (" + from + " to " + to + ")");
            plan = api.postOk(as, "/api/targets/plans", request);
        }
        if ("DRAFT".equals(plan.path("status").asText()) && !plan.path("decomposed").asBoolean()) {
            plan = api.postOk(as, "/api/targets/plans/" + id(plan) + "/decomposition", Map.of("levels", levels));
            progress.accept("Demo data         plan " + name + " decomposed into " + plan.path("targetCount").asLong() + " targets");
        }
        if ("DRAFT".equals(plan.path("status").asText())) {
            api.postOk(as, "/api/targets/plans/" + id(plan) + "/publish", Map.of());
        }
    }

    private JsonNode unit(String name, String parentId) {
        for (JsonNode unit : api.getOk(DemoUsers.ADMIN, "/api/targets/org-units?page=0&size=200").path("items")) {
            boolean sameParent = parentId == null ? unit.path("parentId").isNull() || unit.path("parentId").isMissingNode()
                    : parentId.equals(unit.path("parentId").asText());
            if (name.equals(unit.path("name").asText()) && sameParent) {
                return unit;
            }
        }
        throw new SuiteException("org unit " + name + " is missing: load DemoData before TargetsDemo");
    }

    private static Map<String, Object> level(String name, String dimension, Map<String, Object> shares) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("name", name);
        level.put("dimension", dimension);
        level.put("shares", shares);
        return level;
    }

    /** Shares keyed in a fixed order (the children's order in the plan), whatever order the map literal had. */
    private static Map<String, Object> shares(String kind, Map<String, String> values) {
        Map<String, String> ordered = new LinkedHashMap<>();
        values.keySet().stream().sorted(TargetsDemo::keyOrder).forEach(key -> ordered.put(key, values.get(key)));
        return Map.of("kind", kind, "values", ordered);
    }

    private static Map<String, Object> equal(List<String> keys) {
        return Map.of("kind", "EQUAL", "keys", keys);
    }

    /** Keys as a planner lists them: A before B before services, core before potential, existing before new. */
    private static int keyOrder(String a, String b) {
        List<String> known = List.of("A", "B", "services", "core", "potential", "large", "mid", "small", "existing", "new",
                "Q1", "Q2", "Q3", "Q4", "M1", "M2", "M3");
        return Integer.compare(known.indexOf(a), known.indexOf(b));
    }

    private static String id(JsonNode resource) {
        String id = resource.path("id").asText();
        if (id.isEmpty()) {
            throw new SuiteException("the API answered without an id: " + resource);
        }
        return id;
    }
}
