package io.attain.targets.domain.decomposition;

import io.attain.events.Money;
import io.attain.targets.domain.decomposition.DecompositionException.Reason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.attain.targets.domain.decomposition.SeedExamplesTest.cny;
import static io.attain.targets.domain.decomposition.SeedExamplesTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecompositionTest {

    private static final Shares QUARTERS = Shares.percentages(ordered("Q1", 20, "Q2", 25, "Q3", 25, "Q4", 30));
    private static final Map<String, Shares> MONTHS_OF_QUARTER = monthsOfQuarter();
    private static final Shares TEAMS = Shares.weights(ordered("大客户部", 5, "区域销售部", 3, "线上销售部", 2));
    private static final Map<String, Shares> REPS_OF_TEAM = Map.of(
            "大客户部", Shares.history(ordered("wang.fang", 4_000_000, "li.na", 6_000_000), ZeroHistoryPolicy.EQUAL_SHARES),
            "区域销售部", Shares.equal("zhang.wei"),
            "线上销售部", Shares.history(ordered("zhao.lei", 0, "new.hire", 0), ZeroHistoryPolicy.EQUAL_SHARES));

    private static final DecompositionPlan YEAR_BY_TIME_AND_ORG = DecompositionPlan.builder()
            .level("quarter", Dimension.TIME, QUARTERS)
            .level("month", Dimension.TIME, "quarter", MONTHS_OF_QUARTER)
            .level("team", Dimension.ORG, TEAMS)
            .level("rep", Dimension.ORG, "team", REPS_OF_TEAM)
            .build();

    @Test
    void shouldSplitYearIntoQuartersAndEachQuarterIntoItsOwnMonths() {
        Decomposition year = YEAR_BY_TIME_AND_ORG.decompose(cny("120000000.00"));

        DecompositionNode q4 = year.node("Q4");
        assertThat(q4.money()).isEqualTo(cny("36000000.00"));
        assertThat(q4.children()).extracting(DecompositionNode::key).containsExactly("Oct", "Nov", "Dec");
        assertThat(q4.children()).extracting(DecompositionNode::money)
                .containsExactly(cny("10800000.00"), cny("10800000.00"), cny("14400000.00"));
        assertThat(year.nodesAt("month")).hasSize(12)
                .extracting(DecompositionNode::key)
                .containsExactly("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    }

    @Test
    void shouldSplitEachTeamAmongItsOwnReps() {
        Decomposition year = YEAR_BY_TIME_AND_ORG.decompose(cny("120000000.00"));

        DecompositionNode decemberKeyAccounts = year.node("Q4", "Dec", "大客户部");
        assertThat(decemberKeyAccounts.money()).isEqualTo(cny("7200000.00"));
        assertThat(decemberKeyAccounts.children()).extracting(DecompositionNode::key).containsExactly("wang.fang", "li.na");
        assertThat(year.node("Q4", "Dec", "大客户部", "li.na").money()).isEqualTo(cny("4320000.00"));
        // no history at all in the online team: equal shares by the plan's policy
        assertThat(year.node("Q1", "Jan", "线上销售部").children()).extracting(DecompositionNode::money)
                .containsExactly(cny("640000.00"), cny("640000.00"));
        assertThat(year.leafCount()).isEqualTo(12 * 5);
    }

    @Test
    void shouldNavigateNodesBothWays() {
        Decomposition year = YEAR_BY_TIME_AND_ORG.decompose(cny("120000000.00"));
        DecompositionNode rep = year.node("Q2", "May", "区域销售部", "zhang.wei");

        assertThat(rep.isLeaf()).isTrue();
        assertThat(rep.children()).isEmpty();
        assertThat(rep.shares()).isEmpty();
        assertThat(rep.depth()).isEqualTo(4);
        assertThat(rep.key()).isEqualTo("zhang.wei");
        assertThat(rep.path()).containsExactly("Q2", "May", "区域销售部", "zhang.wei");
        assertThat(rep.level()).map(Level::dimension).contains(Dimension.ORG);
        assertThat(rep.parent().orElseThrow().parent().orElseThrow()).isEqualTo(year.node("Q2", "May"));
        assertThat(year.root().isRoot()).isTrue();
        assertThat(year.root().key()).isEmpty();
        assertThat(year.root().path()).isEmpty();
        assertThat(year.root().parent()).isEmpty();
        assertThat(year.root().child("Q2").child("May")).isEqualTo(year.node("Q2", "May"));
        assertThat(year.find(List.of("Q2", "Dec"))).isEmpty();
        assertThat(year.find(List.of("Q1", "Jan", "大客户部", "wang.fang", "deeper"))).isEmpty();
        assertThatThrownBy(() -> year.node("Q5")).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void shouldIterateLeavesInTreeOrderAndSumSubtreesFromTheirLeaves() {
        Decomposition year = YEAR_BY_TIME_AND_ORG.decompose(cny("120000000.00"));
        List<List<String>> paths = new ArrayList<>();
        BigDecimal[] total = {BigDecimal.ZERO};

        year.forEachLeaf(leaf -> {
            paths.add(leaf.path());
            total[0] = total[0].add(leaf.value());
        });

        assertThat(paths).hasSize(60).first().isEqualTo(List.of("Q1", "Jan", "大客户部", "wang.fang"));
        assertThat(paths).last().isEqualTo(List.of("Q4", "Dec", "线上销售部", "new.hire"));
        assertThat(total[0]).isEqualByComparingTo("120000000.00");
        assertThat(year.node("Q3").subtreeSum()).isEqualByComparingTo(year.node("Q3").value());
        assertThat(year.node("Q3").leafCount()).isEqualTo(15);
        List<DecompositionNode> q3Leaves = new ArrayList<>();
        year.node("Q3").forEachLeaf(q3Leaves::add);
        assertThat(q3Leaves).hasSize(15).allSatisfy(leaf -> assertThat(leaf.path().get(0)).isEqualTo("Q3"));
    }

    @Test
    void shouldSumSlicesAndRollUpAcrossLevelsInAnyOrder() {
        Decomposition year = YEAR_BY_TIME_AND_ORG.decompose(cny("120000000.00"));

        assertThat(year.sumWhere(Map.of("team", "大客户部"))).isEqualByComparingTo("60000000.00");
        assertThat(year.sumWhere(Map.of("rep", "li.na"))).isEqualByComparingTo("36000000.00");
        assertThat(year.sumWhere(Map.of("quarter", "Q1", "rep", "li.na"))).isEqualByComparingTo("7200000.00");
        assertThat(year.sumWhere(Map.of())).isEqualByComparingTo("120000000.00");
        Map<List<String>, BigDecimal> repByMonth = year.rollUp("rep", "month");
        assertThat(repByMonth).hasSize(60);
        assertThat(repByMonth.get(List.of("li.na", "Mar"))).isEqualByComparingTo("2880000.00");
        assertThat(year.rollUp("team").keySet())
                .containsExactly(List.of("大客户部"), List.of("区域销售部"), List.of("线上销售部"));
        assertThatThrownBy(() -> year.sumWhere(Map.of("planet", "earth")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
    }

    @Test
    void shouldHonourPinsInsideTheTreeAndSplitThePinnedNodeAsUsual() {
        Decomposition pinned = DecompositionPlan.builder()
                .level("product line", Dimension.PRODUCT_LINE, Shares.weights(ordered("A", 70, "B", 30, "services", 20)))
                .level("region", Dimension.REGION, Shares.percentages(ordered("core", 70, "potential", 30)))
                .level("channel", Dimension.CHANNEL, Shares.equal("direct", "partner"))
                .pin(List.of("B", "potential"), cny("12000000.00"))
                .pin(List.of("services"), cny("24000000.00"))
                .build()
                .decompose(cny("120000000.00"));

        assertThat(pinned.node("services").money()).isEqualTo(cny("24000000.00"));
        // A and B share the 96,000,000 left by the pin 70 : 30
        assertThat(pinned.node("A").money()).isEqualTo(cny("67200000.00"));
        assertThat(pinned.node("B").money()).isEqualTo(cny("28800000.00"));
        assertThat(pinned.node("B", "potential").money()).isEqualTo(cny("12000000.00"));
        assertThat(pinned.node("B", "core").money()).isEqualTo(cny("16800000.00"));
        assertThat(pinned.node("B", "potential").children()).extracting(DecompositionNode::money)
                .containsExactly(cny("6000000.00"), cny("6000000.00"));
        assertThat(pinned.root().subtreeSum()).isEqualByComparingTo("120000000.00");
    }

    @Test
    void shouldRefuseInvalidPinsNamingTheNode() {
        DecompositionPlan.Builder plan = DecompositionPlan.builder()
                .level("product line", Dimension.PRODUCT_LINE, Shares.equal("A", "B"))
                .level("region", Dimension.REGION, Shares.equal("core", "potential"));

        assertThatThrownBy(() -> plan.pin(List.of("A", "core"), cny("60.01")).build().decompose(cny("120.00")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PINS_EXCEED_PARENT))
                .hasMessageContaining("[A]");
        assertThatThrownBy(() -> DecompositionPlan.builder().level("region", Dimension.REGION, Shares.equal("core"))
                .pin(List.of("mars"), cny("1.00")).build().decompose(cny("1.00")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY))
                .hasMessageContaining("[mars]");
        assertThatThrownBy(() -> DecompositionPlan.builder().level("region", Dimension.REGION, Shares.equal("core", "x"))
                .pin(List.of("core"), Money.of("1.00", "USD")).build().decompose(cny("1.00")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
        assertThatThrownBy(() -> DecompositionPlan.builder().level("region", Dimension.REGION, Shares.equal("core"))
                .pin(List.of("core", "deeper"), cny("1.00")).build())
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThatThrownBy(() -> DecompositionPlan.builder().pin(List.of(), cny("1.00")))
                .isInstanceOfSatisfying(DecompositionException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LEVEL));
    }

    @Test
    void shouldRefusePlansWhoseLevelsDoNotFitTogether() {
        assertThatThrownBy(() -> DecompositionPlan.builder().build())
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_CHILDREN));
        assertThatThrownBy(() -> DecompositionPlan.builder()
                .level("x", Dimension.REGION, Shares.equal("a"))
                .level("x", Dimension.CHANNEL, Shares.equal("b")).build())
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_KEY));
        assertThatThrownBy(() -> DecompositionPlan.builder()
                .level("month", Dimension.TIME, "quarter", MONTHS_OF_QUARTER)
                .level("quarter", Dimension.TIME, QUARTERS).build())
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LEVEL))
                .hasMessageContaining("not an earlier level");
        Map<String, Shares> withoutQ4 = new LinkedHashMap<>(MONTHS_OF_QUARTER);
        withoutQ4.remove("Q4");
        assertThatThrownBy(() -> DecompositionPlan.builder()
                .level("quarter", Dimension.TIME, QUARTERS)
                .level("month", Dimension.TIME, "quarter", withoutQ4).build())
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LEVEL))
                .hasMessageContaining("no shares for quarter 'Q4'");
        Map<String, Shares> withQ5 = new LinkedHashMap<>(MONTHS_OF_QUARTER);
        withQ5.put("Q5", Shares.equal("Smarch"));
        assertThatThrownBy(() -> DecompositionPlan.builder()
                .level("quarter", Dimension.TIME, QUARTERS)
                .level("month", Dimension.TIME, "quarter", withQ5).build())
                .isInstanceOfSatisfying(DecompositionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LEVEL))
                .hasMessageContaining("'Q5'");
    }

    @Test
    void shouldRefuseZeroOrNegativeTarget() {
        DecompositionPlan plan = DecompositionPlan.builder().level("region", Dimension.REGION, Shares.equal("a")).build();

        assertThatThrownBy(() -> plan.decompose(cny("0.00"))).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_PARENT));
        assertThatThrownBy(() -> plan.decompose(-5)).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NON_POSITIVE_PARENT));
    }

    @Test
    void shouldCarryZeroNodesDownAsZerosWhenThereAreMoreChildrenThanCents() {
        Decomposition tiny = DecompositionPlan.builder()
                .level("team", Dimension.ORG, Shares.equal("a", "b", "c"))
                .level("channel", Dimension.CHANNEL, Shares.equal("direct", "partner"))
                .build()
                .decompose(cny("0.02"));

        assertThat(tiny.node("c").money()).isEqualTo(cny("0.00"));
        assertThat(tiny.node("c").children()).extracting(DecompositionNode::money).containsOnly(cny("0.00"));
        assertThat(tiny.root().subtreeSum()).isEqualByComparingTo("0.02");
    }

    @Test
    void shouldDecomposeCountsIntoWholeNumbers() {
        Decomposition newCustomers = DecompositionPlan.builder()
                .level("region", Dimension.REGION, Shares.percentages(ordered("core", 70, "potential", 30)))
                .level("rep", Dimension.ORG, Shares.equal("r1", "r2", "r3"))
                .pin(List.of("potential", "r3"), 0)
                .build()
                .decompose(50);

        assertThat(newCustomers.unit()).isEqualTo(ValueUnit.count());
        assertThat(newCustomers.node("core").children()).extracting(DecompositionNode::value)
                .containsExactly(BigDecimal.valueOf(12), BigDecimal.valueOf(12), BigDecimal.valueOf(11));
        assertThat(newCustomers.node("potential").children()).extracting(DecompositionNode::value)
                .containsExactly(BigDecimal.valueOf(8), BigDecimal.valueOf(7), BigDecimal.ZERO);
        assertThatThrownBy(() -> newCustomers.root().money()).isInstanceOfSatisfying(DecompositionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNIT_MISMATCH));
    }

    @Test
    void shouldUseAnyDimensionsInAnyOrder() {
        Decomposition d = DecompositionPlan.builder()
                .level("customer", Dimension.NEW_VS_EXISTING, Shares.percentages(ordered("existing", 60, "new", 40)))
                .level("channel", Dimension.CHANNEL, Shares.weights(ordered("直销", 5, "分销", 2, "电商", 2, "渠道伙伴", 1)))
                .level("tier", Dimension.CUSTOMER_TIER, Shares.equal("KA", "腰部", "长尾"))
                .level("region", Dimension.REGION, Shares.equal("华东", "华南"))
                .build()
                .decompose(cny("3000000.00"));

        assertThat(d.sumWhere(Map.of("channel", "直销"))).isEqualByComparingTo("1500000.00");
        assertThat(d.node("new", "电商").money()).isEqualTo(cny("240000.00"));
        assertThat(d.plan().levels()).extracting(Level::dimension).containsExactly(
                Dimension.NEW_VS_EXISTING, Dimension.CHANNEL, Dimension.CUSTOMER_TIER, Dimension.REGION);
        assertThat(d.leafCount()).isEqualTo(2 * 4 * 3 * 2);
    }

    private static Map<String, Shares> monthsOfQuarter() {
        Map<String, Shares> months = new LinkedHashMap<>();
        months.put("Q1", Shares.weights(ordered("Jan", 8, "Feb", 10, "Mar", 12)));
        months.put("Q2", Shares.equal("Apr", "May", "Jun"));
        months.put("Q3", Shares.equal("Jul", "Aug", "Sep"));
        months.put("Q4", Shares.percentages(ordered("Oct", 30, "Nov", 30, "Dec", 40)));
        return months;
    }
}
