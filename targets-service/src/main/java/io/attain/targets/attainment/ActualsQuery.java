package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregations of the actuals read model ({@code deal_actual}, {@code deal_payment},
 * {@code deal_stage_entry}) as plain JDBC, so the service and the benchmark run the same statements.
 * An org unit's daily actual comes from the {@link ActualsRollup rollup} (credited by membership on the day), so
 * its cost does not grow with the subtree; a member's from their own deal rows (one index range scan). Per-member
 * and funnel aggregations resolve owners in the same statement from the service's own {@code member} and
 * {@code org_unit} tables (current membership), which lets PostgreSQL walk the owner index once per member.
 */
public final class ActualsQuery {

    /** What to aggregate: the source, whose deals, which of them, in which currency, over which days. */
    public record Criteria(ActualSource source, OwnerScope owners, DealFilter filter, String currency,
                           LocalDate from, LocalDate to) {
        public Criteria {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(owners, "owners");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (source.isMoney() && currency == null) {
                throw new IllegalArgumentException(source + " is money and needs a currency");
            }
        }
    }

    private ActualsQuery() {
    }

    /** The actual per day (days without any are absent). */
    public static SortedMap<LocalDate, BigDecimal> daily(Connection connection, Criteria criteria) throws SQLException {
        if (criteria.owners() instanceof OwnerScope.Subtree subtree) {
            return ActualsRollup.daily(connection, subtree.unitId(), criteria.source(), criteria.filter(),
                    criteria.currency(), criteria.from(), criteria.to());
        }
        SortedMap<LocalDate, BigDecimal> daily = new TreeMap<>();
        Statement statement = aggregate(criteria, true);
        try (PreparedStatement ps = statement.prepare(connection); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                daily.put(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2));
            }
        }
        return daily;
    }

    /** The actual per owning member (members without any are absent). */
    public static Map<String, BigDecimal> perMember(Connection connection, Criteria criteria) throws SQLException {
        Map<String, BigDecimal> perMember = new HashMap<>();
        Statement statement = aggregate(criteria, false);
        try (PreparedStatement ps = statement.prepare(connection); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                perMember.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return perMember;
    }

    /**
     * The funnel history of the deals closed (won or lost) from {@code from} to {@code to} with their won
     * amounts in {@code currency}.
     */
    public static StageHistory stageHistory(Connection connection, OwnerScope owners, String currency,
                                            LocalDate from, LocalDate to) throws SQLException {
        Statement statement = new Statement();
        statement.sql.append("""
                select d.furthest_stage, count(*),
                       count(*) filter (where d.booked and d.currency = ?),
                       coalesce(sum(d.amount) filter (where d.booked and d.currency = ?), 0)
                from deal_actual d
                where d.closed_on between ? and ? and (d.booked or d.stage = 'LOST')""");
        statement.params.add(currency);
        statement.params.add(currency);
        statement.params.add(Date.valueOf(from));
        statement.params.add(Date.valueOf(to));
        ownedBy(statement, owners);
        statement.sql.append(" group by d.furthest_stage");
        long[] atRank = new long[StageHistory.FUNNEL.size()];
        long won = 0;
        BigDecimal wonTotal = BigDecimal.ZERO;
        try (PreparedStatement ps = statement.prepare(connection); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int rank = rs.getInt(1);
                if (rank >= 0 && rank < atRank.length) {
                    atRank[rank] += rs.getLong(2);
                }
                won += rs.getLong(3);
                wonTotal = wonTotal.add(rs.getBigDecimal(4));
            }
        }
        List<Long> reached = new ArrayList<>(atRank.length);
        long atOrBeyond = 0;
        for (int rank = atRank.length - 1; rank >= 0; rank--) {
            atOrBeyond += atRank[rank];
            reached.addFirst(atOrBeyond);
        }
        return new StageHistory(reached, won, wonTotal);
    }

    private static Statement aggregate(Criteria c, boolean byDay) {
        Statement s = new Statement();
        String day = switch (c.source()) {
            case WON_REVENUE, NEW_CUSTOMERS, WON_DEALS -> "d.won_on";
            case COLLECTIONS -> "p.received_on";
            case LEAD_ENTRIES, CONTACTED_ENTRIES, PROPOSAL_ENTRIES -> "e.entered_on";
        };
        String value = switch (c.source()) {
            case WON_REVENUE -> "sum(d.amount)";
            case COLLECTIONS -> "sum(p.amount)";
            default -> "count(*)";
        };
        s.sql.append("select ").append(byDay ? day : "d.owner_id").append(", ").append(value).append(" from ");
        switch (c.source()) {
            case WON_REVENUE, NEW_CUSTOMERS, WON_DEALS -> {
                s.sql.append("deal_actual d where d.booked");
                if (c.source() == ActualSource.NEW_CUSTOMERS) {
                    s.sql.append(" and d.new_customer");
                }
            }
            case COLLECTIONS -> s.sql.append("deal_payment p join deal_actual d on d.deal_id = p.deal_id where true");
            case LEAD_ENTRIES, CONTACTED_ENTRIES, PROPOSAL_ENTRIES -> {
                s.sql.append("deal_stage_entry e join deal_actual d on d.deal_id = e.deal_id where e.stage = ?");
                s.params.add(c.source().stage().orElseThrow());
            }
        }
        s.sql.append(" and ").append(day).append(" between ? and ?");
        s.params.add(Date.valueOf(c.from()));
        s.params.add(Date.valueOf(c.to()));
        if (c.source().isMoney()) {
            s.sql.append(c.source() == ActualSource.COLLECTIONS ? " and p.currency = ?" : " and d.currency = ?");
            s.params.add(c.currency());
        }
        DealFilter f = c.filter();
        s.where("d.product_line", f.productLine());
        s.where("d.region", f.region());
        s.where("d.customer_tier", f.customerTier());
        s.where("d.channel", f.channel());
        s.where("d.new_customer", f.newCustomer());
        ownedBy(s, c.owners());
        s.sql.append(" group by 1");
        return s;
    }

    private static void ownedBy(Statement s, OwnerScope owners) {
        switch (owners) {
            case OwnerScope.Member member -> {
                s.sql.append(" and d.owner_id = ?");
                s.params.add(member.memberId());
            }
            case OwnerScope.Subtree subtree -> {
                s.sql.append(" and d.owner_id in (select m.member_id from member m join org_unit u on u.id = m.org_unit_id"
                        + " where u.path = ? or u.path like ?)");
                s.params.add(subtree.path());
                s.params.add(subtree.path() + "/%");
            }
            case OwnerScope.Everyone everyone -> {
            }
        }
    }

    /** SQL with its positional parameters, built up clause by clause. */
    private static final class Statement {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        void where(String column, Object value) {
            if (value != null) {
                sql.append(" and ").append(column).append(" = ?");
                params.add(value);
            }
        }

        PreparedStatement prepare(Connection connection) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        }
    }
}
