package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.attain.local.DemoUsers.DemoUser;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Commission plans of the seed examples for the demo reps, created through the API, so that demo deals
 * already produce statements:
 *
 * <ul>
 *   <li>one plan per demo rep, "阶梯式提成" of seed 003: tiers 80% → 1%, 100% → 1.5%, 120% → 2% of the
 *       quarterly quota (RETROACTIVE: the whole credit at the rate of the tier reached), gate at 80%, booked
 *       basis, a 1.2× multiplier on new customers (新客户奖), effective from 1 January of this year;</li>
 *   <li>each plan assigned to its rep for the whole year;</li>
 *   <li>an open commission period for the current quarter ({@code 2026-Q4}), whose statements then follow
 *       the reps' credits and quotas by themselves.</li>
 * </ul>
 *
 * Everything is looked up before it is created, so loading again changes nothing. Call after the org and the
 * targets exist: {@code IncentiveDemo.load(api, progress, today)}.
 */
final class IncentiveDemo {

    static final String CURRENCY = "CNY";
    static final List<DemoUser> REPS = List.of(DemoUsers.KEY_ACCOUNTS_REP, DemoUsers.KEY_ACCOUNTS_REP_2, DemoUsers.REGIONAL_REP,
            DemoUsers.ONLINE_REP);

    private final ApiClient api;
    private final Consumer<String> progress;

    private IncentiveDemo(ApiClient api, Consumer<String> progress) {
        this.api = api;
        this.progress = progress;
    }

    static void load(ApiClient api, Consumer<String> progress, LocalDate today) {
        new IncentiveDemo(api, progress).load(today);
    }

    private void load(LocalDate today) {
        int year = today.getYear();
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        for (DemoUser rep : REPS) {
            String planId = plan(rep.displayName() + " 阶梯式提成 " + year, yearStart);
            assignment(planId, rep, yearStart, yearEnd);
        }
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        LocalDate quarterStart = LocalDate.of(year, 3 * quarter - 2, 1);
        period(year + "-Q" + quarter, quarterStart, quarterStart.plusMonths(3).minusDays(1));
    }

    /** Finds the plan by name, else creates it with the seed terms; returns its id. */
    private String plan(String name, LocalDate effectiveFrom) {
        for (int page = 0; ; page++) {
            JsonNode plans = api.getOk(DemoUsers.ADMIN, "/api/incentives/plans?page=" + page + "&size=200");
            for (JsonNode plan : plans.path("items")) {
                if (name.equals(plan.path("name").asText())) {
                    return plan.path("id").asText();
                }
            }
            if ((long) (page + 1) * 200 >= plans.path("total").asLong()) {
                break;
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("currency", CURRENCY);
        request.put("effectiveFrom", effectiveFrom.toString());
        request.put("terms", seedTerms());
        progress.accept("Demo data         commission plan " + name);
        return api.postOk(DemoUsers.ADMIN, "/api/incentives/plans", request).path("id").asText();
    }

    /** Seed 003: tiers 80% → 1%, 100% → 1.5%, 120% → 2%, gate at 80%, on booked revenue; new customers ×1.2. */
    static Map<String, Object> seedTerms() {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("rounding", "HALF_UP");
        terms.put("basis", "BOOKED");
        terms.put("rateTable", Map.of("mode", "RETROACTIVE", "tiers", List.of(
                Map.of("thresholdPercent", "80", "ratePercent", "1"),
                Map.of("thresholdPercent", "100", "ratePercent", "1.5"),
                Map.of("thresholdPercent", "120", "ratePercent", "2"))));
        terms.put("gatePercent", "80");
        terms.put("multipliers", List.of(Map.of("kind", "NEW_CUSTOMER", "factor", "1.2")));
        return terms;
    }

    private void assignment(String planId, DemoUser rep, LocalDate from, LocalDate to) {
        for (JsonNode assignment : api.getOk(DemoUsers.ADMIN, "/api/incentives/plans/" + planId + "/assignments?page=0&size=200")
                .path("items")) {
            if (rep.id().equals(assignment.path("memberId").asText())) {
                return;
            }
        }
        progress.accept("Demo data         plan assigned to " + rep.displayName() + " (" + from + " to " + to + ")");
        api.postOk(DemoUsers.ADMIN, "/api/incentives/plans/" + planId + "/assignments",
                Map.of("memberId", rep.id(), "periodStart", from.toString(), "periodEnd", to.toString()));
    }

    private void period(String name, LocalDate start, LocalDate end) {
        for (JsonNode period : api.getOk(DemoUsers.FINANCE, "/api/incentives/periods?page=0&size=200").path("items")) {
            if (name.equals(period.path("name").asText())
                    || (!LocalDate.parse(period.path("end").asText()).isBefore(start)
                    && !LocalDate.parse(period.path("start").asText()).isAfter(end))) {
                return;
            }
        }
        progress.accept("Demo data         commission period " + name + " (" + start + " to " + end + ")");
        api.postOk(DemoUsers.FINANCE, "/api/incentives/periods",
                Map.of("name", name, "start", start.toString(), "end", end.toString(), "currency", CURRENCY));
    }
}
