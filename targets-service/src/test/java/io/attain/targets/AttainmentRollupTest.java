package io.attain.targets;

import io.agroal.api.AgroalDataSource;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.targets.attainment.ActualSource;
import io.attain.targets.attainment.ActualsQuery;
import io.attain.targets.attainment.DealFilter;
import io.attain.targets.attainment.OwnerScope;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static io.attain.targets.AttainmentResourceTest.admin;
import static io.attain.targets.AttainmentResourceTest.attainment;
import static io.attain.targets.AttainmentResourceTest.awaitActual;
import static io.attain.targets.AttainmentResourceTest.target;
import static io.attain.targets.AttainmentResourceTest.unit;
import static io.attain.targets.DealEvents.Deal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The per-unit rollup that org-unit attainment reads: actuals credited by the owner's membership on the day they
 * happened, carried along when a unit moves, and always equal to the sum of the underlying deals — checked
 * against a recomputation from the deal rows after random sequences of deal events and org changes.
 */
@QuarkusTest
class AttainmentRollupTest {

    private static final String END_OF_Q1 = "?asOf=2026-03-31";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant JAN_10 = Instant.parse("2026-01-10T04:00:00Z");
    private static final Instant FEB_10 = Instant.parse("2026-02-10T04:00:00Z");
    private static final Instant MAR_10 = Instant.parse("2026-03-10T04:00:00Z");
    private static final LocalDate Q1_START = LocalDate.of(2026, 1, 1);
    private static final LocalDate Q1_END = LocalDate.of(2026, 3, 31);
    private static final List<String> COUNTED_STAGES = List.of("LEAD", "CONTACTED", "PROPOSAL");

    @Inject
    AgroalDataSource dataSource;

    /** Company → department 1 (teams A and B) and department 2 (team C); reps 1, 2 in A, 3 in B, 4 in C. */
    record Org(String company, String department1, String department2, String teamA, String teamB, String teamC,
               String rep1, String rep2, String rep3, String rep4, String suffix) {

        List<String> units() {
            return List.of(company, department1, department2, teamA, teamB, teamC);
        }

        List<String> reps() {
            return List.of(rep1, rep2, rep3, rep4);
        }
    }

    static Org org() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String company = unit("{\"name\":\"Co-" + s + "\",\"kind\":\"COMPANY\"}");
        String department1 = unit("{\"name\":\"一部\",\"kind\":\"DEPARTMENT\",\"parentId\":\"" + company + "\"}");
        String department2 = unit("{\"name\":\"二部\",\"kind\":\"DEPARTMENT\",\"parentId\":\"" + company + "\"}");
        String teamA = unit("{\"name\":\"A组\",\"kind\":\"TEAM\",\"parentId\":\"" + department1 + "\"}");
        String teamB = unit("{\"name\":\"B组\",\"kind\":\"TEAM\",\"parentId\":\"" + department1 + "\"}");
        String teamC = unit("{\"name\":\"C组\",\"kind\":\"TEAM\",\"parentId\":\"" + department2 + "\"}");
        Org org = new Org(company, department1, department2, teamA, teamB, teamC, "r1-" + s, "r2-" + s, "r3-" + s,
                "r4-" + s, s);
        member(org.rep1, teamA, "2025-01-01");
        member(org.rep2, teamA, "2025-01-01");
        member(org.rep3, teamB, "2025-01-01");
        member(org.rep4, teamC, "2025-01-01");
        return org;
    }

    static void member(String id, String unit, String from) {
        admin().contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + id + "\",\"displayName\":\"" + id + "\",\"orgUnitId\":\"" + unit
                        + "\",\"role\":\"REP\",\"effectiveFrom\":\"" + from + "\"}")
                .when().post("/api/targets/members").then().statusCode(201);
    }

    static void moveMember(String id, String unit, LocalDate from) {
        admin().contentType(ContentType.JSON)
                .body("{\"orgUnitId\":\"" + unit + "\",\"effectiveFrom\":\"" + from + "\"}")
                .when().post("/api/targets/members/" + id + "/moves").then().statusCode(200);
    }

    static void moveUnit(String id, String parent) {
        admin().contentType(ContentType.JSON).body("{\"parentId\":\"" + parent + "\"}")
                .when().post("/api/targets/org-units/" + id + "/move").then().statusCode(200);
    }

    @Test
    void shouldCreditActualsToTheUnitTheOwnerBelongedToOnTheDay() {
        Org org = org();
        String teamA = target("REVENUE", org.teamA, null, "5000000.00");
        String teamB = target("REVENUE", org.teamB, null, "5000000.00");
        String department = target("REVENUE", org.department1, null, "10000000.00");
        String rep1 = target("REVENUE", org.teamA, org.rep1, "2000000.00");
        DealEvents.publish(Deal.lead(org.rep1, "1000000.00", JAN_10).to("WON", FEB_10));
        awaitActual(teamA, "1000000.00");

        // from March rep 1 sells for team B: the February win stays with team A, the March one goes to B
        moveMember(org.rep1, org.teamB, LocalDate.of(2026, 3, 1));
        DealEvents.publish(Deal.lead(org.rep1, "300000.00", JAN_10).to("WON", MAR_10));
        awaitActual(teamB, "300000.00");
        attainment(admin(), teamA, END_OF_Q1).body("actual", equalTo("1000000.00"));
        attainment(admin(), department, END_OF_Q1).body("actual", equalTo("1300000.00"));
        attainment(admin(), rep1, END_OF_Q1).body("actual", equalTo("1300000.00"));

        // a move recorded late re-credits what the person won since its effective day, and nothing before it
        DealEvents.publish(Deal.lead(org.rep3, "200000.00", JAN_10).to("WON", MAR_10));
        DealEvents.publish(Deal.lead(org.rep3, "70000.00", JAN_10).to("WON", FEB_10));
        awaitActual(teamB, "570000.00");
        moveMember(org.rep3, org.teamA, LocalDate.of(2026, 3, 5));
        attainment(admin(), teamA, END_OF_Q1).body("actual", equalTo("1200000.00"));
        attainment(admin(), teamB, END_OF_Q1).body("actual", equalTo("370000.00"));
        attainment(admin(), department, END_OF_Q1).body("actual", equalTo("1570000.00"));
    }

    @Test
    void shouldCarryAUnitsActualsToItsNewDepartmentWhenItMoves() {
        Org org = org();
        String department1 = target("REVENUE", org.department1, null, "10000000.00");
        String department2 = target("REVENUE", org.department2, null, "10000000.00");
        String company = target("REVENUE", org.company, null, "30000000.00");
        String teamB = target("REVENUE", org.teamB, null, "5000000.00");
        DealEvents.publish(Deal.lead(org.rep3, "500000.00", JAN_10).to("WON", FEB_10));
        DealEvents.publish(Deal.lead(org.rep4, "40000.00", JAN_10).to("WON", FEB_10));
        awaitActual(department1, "500000.00");
        awaitActual(department2, "40000.00");

        moveUnit(org.teamB, org.department2);
        attainment(admin(), department1, END_OF_Q1).body("actual", equalTo("0.00"));
        attainment(admin(), department2, END_OF_Q1).body("actual", equalTo("540000.00"));
        attainment(admin(), company, END_OF_Q1).body("actual", equalTo("540000.00"));
        attainment(admin(), teamB, END_OF_Q1).body("actual", equalTo("500000.00"));

        // and a deal won afterwards counts along the new chain
        DealEvents.publish(Deal.lead(org.rep3, "1000.00", JAN_10).to("WON", MAR_10));
        awaitActual(department2, "541000.00");
        attainment(admin(), department1, END_OF_Q1).body("actual", equalTo("0.00"));
    }

    @Test
    void shouldCreditDealsThatArrivedBeforeTheirOwnerBecameAMember() {
        Org org = org();
        String teamA = target("REVENUE", org.teamA, null, "5000000.00");
        String late = "late-" + org.suffix;
        Deal won = Deal.lead(late, "650000.00", JAN_10).to("WON", FEB_10);
        DealEvents.publish(won);
        awaitDealVersion(won);
        attainment(admin(), teamA, END_OF_Q1).body("actual", equalTo("0.00"));

        // before a person's first membership, that first membership counts
        member(late, org.teamA, "2026-03-01");
        attainment(admin(), teamA, END_OF_Q1).body("actual", equalTo("650000.00"));
    }

    @Test
    void shouldEqualTheSumOfTheUnderlyingDealsAfterRandomEventsAndOrgChanges() throws SQLException {
        for (long seed : new long[]{20260223L, 7L, 1234567L}) {
            Org org = org();
            Scenario scenario = new Scenario(org, new Random(seed));
            scenario.run(70);
            awaitApplied(scenario.latest.values());
            assertRollupMatchesDeals(org, scenario.dealIds(), "seed " + seed);
            // the model of what was sent, independently of the read model: every deal is owned by a member by now
            BigDecimal booked = scenario.latest.values().stream()
                    .filter(deal -> deal.stage().equals("WON") || deal.stage().equals("COLLECTED"))
                    .map(deal -> deal.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            try (Connection connection = dataSource.getConnection()) {
                BigDecimal company = ActualsQuery.daily(connection, new ActualsQuery.Criteria(ActualSource.WON_REVENUE,
                                OwnerScope.subtree(pathOf(connection, org.company)), DealFilter.ANY, "CNY", Q1_START,
                                Q1_END)).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(company).as("seed " + seed).isEqualByComparingTo(booked);
            }
        }
    }

    /** A random walk of deal events (with duplicates and stale versions) and org changes. */
    private final class Scenario {
        final Org org;
        final Random random;
        final Map<UUID, Deal> latest = new LinkedHashMap<>();
        final Map<UUID, List<Deal>> history = new HashMap<>();
        final Map<UUID, List<UUID>> payments = new HashMap<>();
        final String late;
        final List<String> owners = new ArrayList<>();
        String lastEventId;
        Deal lastDeal;
        String lastType;
        PaymentChange lastPayment;
        boolean lateJoined;
        int rep1Moves;
        int unitMoves;

        Scenario(Org org, Random random) {
            this.org = org;
            this.random = random;
            this.late = "late-" + org.suffix;
            owners.addAll(org.reps());
            owners.add(late);
        }

        List<UUID> dealIds() {
            return List.copyOf(latest.keySet());
        }

        void run(int steps) {
            for (int step = 0; step < steps; step++) {
                if (step == steps / 2 && !lateJoined) {
                    joinLate();
                }
                int op = latest.isEmpty() ? 0 : random.nextInt(14);
                switch (op) {
                    case 0, 1 -> create();
                    case 2, 3, 4 -> stage();
                    case 5 -> send(pick().owner(pickOwner()), EventTypes.DEAL_UPDATED, null);
                    case 6 -> send(pick().amount(amount()), EventTypes.DEAL_UPDATED, null);
                    case 7 -> {
                        Deal deal = pick();
                        send(deal.productLine(deal.productLine().equals("A") ? "B" : "A").next(),
                                EventTypes.DEAL_UPDATED, null);
                    }
                    case 8 -> pay();
                    case 9 -> reverse();
                    case 10 -> {
                        if (lastEventId != null) {
                            DealEvents.publish(lastEventId, lastDeal, lastType, lastPayment);
                        }
                    }
                    case 11 -> {
                        List<Deal> versions = history.get(pick().id());
                        DealEvents.publish(versions.get(random.nextInt(versions.size())));
                    }
                    case 12 -> {
                        if (rep1Moves < 2) {
                            rep1Moves++;
                            moveMember(org.rep1, rep1Moves == 1 ? org.teamC : org.teamB,
                                    LocalDate.of(2026, rep1Moves, 10 + random.nextInt(15)));
                        }
                    }
                    default -> {
                        if (unitMoves < 2) {
                            unitMoves++;
                            moveUnit(org.teamB, unitMoves == 1 ? org.department2 : org.department1);
                        }
                    }
                }
            }
            if (!lateJoined) {
                joinLate();
            }
        }

        void joinLate() {
            lateJoined = true;
            member(late, org.teamC, "2026-02-01");
        }

        void create() {
            Deal deal = Deal.lead(pickOwner(), amount(), day());
            deal = random.nextBoolean() ? deal.productLine("B") : deal;
            deal = random.nextInt(3) == 0 ? deal.asNewCustomer() : deal;
            send(deal, EventTypes.DEAL_CREATED, null);
        }

        void stage() {
            Deal deal = pick();
            boolean booked = deal.stage().equals("WON") || deal.stage().equals("COLLECTED");
            List<String> next = new ArrayList<>(List.of("CONTACTED", "PROPOSAL", "NEGOTIATION", "WON", "WON", "LOST"));
            if (booked) {
                next.add("COLLECTED");
            }
            next.remove(deal.stage());
            send(deal.to(next.get(random.nextInt(next.size())), day()), EventTypes.DEAL_STAGE_CHANGED, null);
        }

        void pay() {
            Deal deal = pick().next();
            UUID payment = UUID.randomUUID();
            payments.computeIfAbsent(deal.id(), id -> new ArrayList<>()).add(payment);
            send(deal, EventTypes.DEAL_PAYMENT_RECORDED, new PaymentChange(payment,
                    Money.of(amount(), "CNY"), LocalDate.ofInstant(day(), SHANGHAI), false, null));
        }

        void reverse() {
            Deal deal = pick();
            List<UUID> paid = payments.get(deal.id());
            if (paid == null) {
                return;
            }
            send(deal.next(), EventTypes.DEAL_PAYMENT_REVERSED, new PaymentChange(UUID.randomUUID(),
                    Money.of("1000.00", "CNY"), LocalDate.ofInstant(day(), SHANGHAI), true,
                    paid.get(random.nextInt(paid.size()))));
        }

        void send(Deal deal, String type, PaymentChange payment) {
            lastEventId = DealEvents.publish(UUID.randomUUID().toString(), deal, type, payment);
            lastDeal = deal;
            lastType = type;
            lastPayment = payment;
            latest.put(deal.id(), deal);
            history.computeIfAbsent(deal.id(), id -> new ArrayList<>()).add(deal);
        }

        Deal pick() {
            List<Deal> deals = List.copyOf(latest.values());
            return deals.get(random.nextInt(deals.size()));
        }

        String pickOwner() {
            return owners.get(random.nextInt(owners.size()));
        }

        String amount() {
            return BigDecimal.valueOf(1_000_000 + random.nextInt(99_000_000), 2).toPlainString();
        }

        /** Noon in Shanghai on a day of the first quarter. */
        Instant day() {
            return Q1_START.plusDays(random.nextInt(90)).atTime(12, 0).atZone(SHANGHAI).toInstant();
        }
    }

    private void awaitDealVersion(Deal deal) {
        awaitApplied(List.of(deal));
    }

    private void awaitApplied(java.util.Collection<Deal> deals) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement ps = connection.prepareStatement("select version from deal_actual where deal_id = ?")) {
                for (Deal deal : deals) {
                    ps.setObject(1, deal.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getLong(1) != deal.version()) {
                            return false;
                        }
                    }
                }
                return true;
            }
        });
    }

    // ---- the recomputation: every contribution of the deals, credited by the membership on its day ----

    /** One thing a deal contributes: a source's value on a day, with the deal's owner and dimensions. */
    record Contribution(String owner, ActualSource source, String currency, LocalDate day, String productLine,
                        String region, boolean newCustomer, BigDecimal value) {
    }

    private void assertRollupMatchesDeals(Org org, List<UUID> deals, String label) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // one snapshot for the deal rows and the rollup, whatever the consumer commits meanwhile
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<Contribution> contributions = contributions(connection, deals);
            Map<String, List<Membership>> memberships = memberships(connection, org);
            Map<String, String> paths = new HashMap<>();
            for (String unit : org.units()) {
                paths.put(unit, pathOf(connection, unit));
            }
            // no dimension, each one alone, and combinations of them
            List<DealFilter> filters = List.of(DealFilter.ANY, new DealFilter(null, null, null, null, true),
                    new DealFilter("B", null, null, null, null), new DealFilter("A", "华东", null, null, false),
                    new DealFilter("A", "华东", "KA", null, null), new DealFilter("A", "华东", "KA", "直销", false),
                    new DealFilter(null, "华南", null, null, null), new DealFilter(null, null, "KA", null, null),
                    new DealFilter(null, null, null, "直销", null));
            for (String unit : org.units()) {
                for (ActualSource source : ActualSource.values()) {
                    for (DealFilter filter : filters) {
                        SortedMap<LocalDate, BigDecimal> expected = new TreeMap<>();
                        for (Contribution c : contributions) {
                            if (c.source() == source && (!source.isMoney() || c.currency().equals("CNY"))
                                    && matches(filter, c) && credited(c, memberships, paths).contains(unit)) {
                                expected.merge(c.day(), c.value(), BigDecimal::add);
                            }
                        }
                        SortedMap<LocalDate, BigDecimal> actual = ActualsQuery.daily(connection,
                                new ActualsQuery.Criteria(source, OwnerScope.subtree(paths.get(unit)), filter, "CNY",
                                        Q1_START, Q1_END));
                        assertThat(normalised(actual)).as(label + ": " + source + " of unit " + unit + " " + filter)
                                .isEqualTo(normalised(expected));
                    }
                }
            }
            connection.rollback();
        }
    }

    private static boolean matches(DealFilter filter, Contribution c) {
        return (filter.productLine() == null || filter.productLine().equals(c.productLine()))
                && (filter.region() == null || filter.region().equals(c.region()))
                && (filter.customerTier() == null || filter.customerTier().equals("KA"))
                && (filter.channel() == null || filter.channel().equals("直销"))
                && (filter.newCustomer() == null || filter.newCustomer() == c.newCustomer());
    }

    /** The units a contribution counts for: the owner's unit on its day (or their first) and every unit above. */
    private static List<String> credited(Contribution c, Map<String, List<Membership>> memberships,
                                         Map<String, String> paths) {
        List<Membership> history = memberships.getOrDefault(c.owner(), List.of());
        if (history.isEmpty()) {
            return List.of();
        }
        Membership on = history.getFirst();
        for (Membership membership : history) {
            if (!membership.from().isAfter(c.day())) {
                on = membership;
            }
        }
        String path = paths.get(on.unit());
        return path == null ? List.of() : List.of(path.split("/"));
    }

    record Membership(String unit, LocalDate from) {
    }

    private static Map<String, List<Membership>> memberships(Connection connection, Org org) throws SQLException {
        Map<String, List<Membership>> memberships = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select member_id, org_unit_id, effective_from from membership where member_id like ?")) {
            ps.setString(1, "%-" + org.suffix());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    memberships.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new Membership(rs.getString(2), rs.getDate(3).toLocalDate()));
                }
            }
        }
        memberships.values().forEach(list -> list.sort(Comparator.comparing(Membership::from)));
        return memberships;
    }

    private static List<Contribution> contributions(Connection connection, List<UUID> deals) throws SQLException {
        List<Contribution> contributions = new ArrayList<>();
        Object[] ids = deals.toArray();
        try (PreparedStatement ps = connection.prepareStatement("""
                select owner_id, booked, won_on, amount, currency, product_line, region, new_customer
                from deal_actual where deal_id = any (?)""")) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        String owner = rs.getString(1);
                        LocalDate won = rs.getDate(3).toLocalDate();
                        boolean isNew = rs.getBoolean(8);
                        contributions.add(new Contribution(owner, ActualSource.WON_REVENUE, rs.getString(5), won,
                                rs.getString(6), rs.getString(7), isNew, rs.getBigDecimal(4)));
                        contributions.add(new Contribution(owner, ActualSource.WON_DEALS, "", won, rs.getString(6),
                                rs.getString(7), isNew, BigDecimal.ONE));
                        if (isNew) {
                            contributions.add(new Contribution(owner, ActualSource.NEW_CUSTOMERS, "", won,
                                    rs.getString(6), rs.getString(7), true, BigDecimal.ONE));
                        }
                    }
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                select d.owner_id, p.received_on, p.amount, p.currency, d.product_line, d.region, d.new_customer
                from deal_payment p join deal_actual d on d.deal_id = p.deal_id where p.deal_id = any (?)""")) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contributions.add(new Contribution(rs.getString(1), ActualSource.COLLECTIONS, rs.getString(4),
                            rs.getDate(2).toLocalDate(), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                            rs.getBigDecimal(3)));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                select d.owner_id, e.stage, e.entered_on, d.product_line, d.region, d.new_customer
                from deal_stage_entry e join deal_actual d on d.deal_id = e.deal_id where e.deal_id = any (?)""")) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String stage = rs.getString(2);
                    if (COUNTED_STAGES.contains(stage)) {
                        contributions.add(new Contribution(rs.getString(1), ActualSource.valueOf(stage + "_ENTRIES"),
                                "", rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                                BigDecimal.ONE));
                    }
                }
            }
        }
        return contributions;
    }

    private static String pathOf(Connection connection, String unit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select path from org_unit where id = ?")) {
            ps.setObject(1, UUID.fromString(unit));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Days with their amounts at two decimals, days that come to nothing left out. */
    private static Map<LocalDate, String> normalised(Map<LocalDate, BigDecimal> daily) {
        Map<LocalDate, String> normalised = new TreeMap<>();
        daily.forEach((day, value) -> {
            if (value.signum() != 0) {
                normalised.put(day, value.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            }
        });
        return normalised;
    }
}
