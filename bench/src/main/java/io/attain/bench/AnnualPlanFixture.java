package io.attain.bench;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.DecompositionPlan;
import io.attain.targets.domain.decomposition.Dimension;
import io.attain.targets.domain.decomposition.Shares;
import io.attain.targets.domain.decomposition.ZeroHistoryPolicy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's sales organisation: one annual target of 1,200,000,000.00 CNY for 10,000 reps (100 teams of
 * 100), 12 months with seasonality, 3 product lines and 4 regions — 1.44 million leaves. Reps' weights are
 * last year's actuals, drawn from a fixed seed so every run decomposes the same plan.
 */
final class AnnualPlanFixture {

    static final Money ANNUAL_TARGET = Money.of("1200000000.00", "CNY");
    static final int TEAMS = 100;
    static final int REPS_PER_TEAM = 100;
    static final int LEAVES = 12 * TEAMS * REPS_PER_TEAM * 3 * 4;

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** Q1 20%, Q2 25%, Q3 25%, Q4 30%, a third of each quarter per month with the last month heavier. */
    static final String[] SEASONALITY = {"6", "6.5", "7.5", "8", "8", "9", "8", "8", "9", "9", "10", "11"};

    final Map<String, BigDecimal> seasonality = new LinkedHashMap<>();
    final Map<String, BigDecimal> lastYearByRep = new LinkedHashMap<>();
    final Map<String, Map<String, BigDecimal>> lastYearByTeamAndRep = new LinkedHashMap<>();
    final Map<String, BigDecimal> lastYearByTeam = new LinkedHashMap<>();
    final Map<String, Integer> productLines = new LinkedHashMap<>();
    final Map<String, Integer> regions = new LinkedHashMap<>();

    AnnualPlanFixture() {
        for (int m = 0; m < MONTHS.length; m++) {
            seasonality.put(MONTHS[m], new BigDecimal(SEASONALITY[m]));
        }
        Random random = new Random(20261123L);
        for (int t = 0; t < TEAMS; t++) {
            String team = "team-" + t;
            Map<String, BigDecimal> reps = new LinkedHashMap<>();
            BigDecimal teamTotal = BigDecimal.ZERO;
            for (int r = 0; r < REPS_PER_TEAM; r++) {
                // last year's actual between 0 (a new hire) and 5,000,000.00 CNY, in cents
                BigDecimal actual = random.nextInt(20) == 0 ? BigDecimal.ZERO
                        : BigDecimal.valueOf(random.nextLong(500_000_000L), 2);
                String rep = "rep-" + t + "-" + r;
                reps.put(rep, actual);
                lastYearByRep.put(rep, actual);
                teamTotal = teamTotal.add(actual);
            }
            lastYearByTeamAndRep.put(team, reps);
            lastYearByTeam.put(team, teamTotal);
        }
        productLines.put("A", 70);
        productLines.put("B", 30);
        productLines.put("services", 20);
        regions.put("华东", 35);
        regions.put("华南", 35);
        regions.put("华北", 15);
        regions.put("西南", 15);
    }

    /** month → rep (10,000, by last year's actuals) → product line → region. */
    DecompositionPlan monthRepProductRegion() {
        return DecompositionPlan.builder()
                .level("month", Dimension.TIME, Shares.percentages(seasonality))
                .level("rep", Dimension.ORG, Shares.history(lastYearByRep, ZeroHistoryPolicy.EQUAL_SHARES))
                .level("product line", Dimension.PRODUCT_LINE, Shares.weights(productLines))
                .level("region", Dimension.REGION, Shares.percentages(regions))
                .build();
    }

    /** quarter → month (per quarter) → team → rep (per team) → product line → region. */
    DecompositionPlan quarterMonthTeamRepProductRegion() {
        Map<String, BigDecimal> quarters = new LinkedHashMap<>();
        Map<String, Shares> monthsOfQuarter = new LinkedHashMap<>();
        for (int q = 0; q < 4; q++) {
            Map<String, BigDecimal> months = new LinkedHashMap<>();
            BigDecimal quarter = BigDecimal.ZERO;
            for (int m = 3 * q; m < 3 * q + 3; m++) {
                months.put(MONTHS[m], seasonality.get(MONTHS[m]));
                quarter = quarter.add(seasonality.get(MONTHS[m]));
            }
            quarters.put("Q" + (q + 1), quarter);
            monthsOfQuarter.put("Q" + (q + 1), Shares.weights(months));
        }
        Map<String, Shares> repsOfTeam = new LinkedHashMap<>();
        lastYearByTeamAndRep.forEach((team, reps) -> repsOfTeam.put(team, Shares.history(reps, ZeroHistoryPolicy.EQUAL_SHARES)));
        return DecompositionPlan.builder()
                .level("quarter", Dimension.TIME, Shares.percentages(quarters))
                .level("month", Dimension.TIME, "quarter", monthsOfQuarter)
                .level("team", Dimension.ORG, Shares.history(lastYearByTeam, ZeroHistoryPolicy.EQUAL_SHARES))
                .level("rep", Dimension.ORG, "team", repsOfTeam)
                .level("product line", Dimension.PRODUCT_LINE, Shares.weights(productLines))
                .level("region", Dimension.REGION, Shares.percentages(regions))
                .build();
    }
}
