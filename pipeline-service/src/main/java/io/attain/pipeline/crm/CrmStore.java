package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.pipeline.crm.CrmDtos.CrmUser;
import io.attain.pipeline.crm.CrmDtos.Outcome;
import io.attain.pipeline.crm.CrmUnitOfWork.AccountKey;
import io.attain.pipeline.crm.CrmUnitOfWork.DealKey;
import io.attain.pipeline.crm.CrmUnitOfWork.UserKey;
import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.DealSplit;
import io.attain.pipeline.domain.Stage;
import io.attain.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The CRM write path's SQL, in plain JDBC on the transaction's connection: a delivery of any size costs a fixed
 * number of round trips (locks, reads, then one batch per table) instead of a dozen ORM statements per event.
 * The rows are the same ones the entities map, so the rest of the service reads them as before.
 */
@ApplicationScoped
public class CrmStore {

    private static final String DEAL_COLUMNS = "d.id, d.name, d.account_id, d.owner_id, d.amount, d.currency, "
            + "d.product_line, d.channel, d.region, d.customer_tier, d.new_customer, d.expected_close_date, d.stage, "
            + "d.pipeline_id, d.pipeline_stage, d.probability, d.forecast_category, d.version, d.created_at, "
            + "d.updated_at, d.won_at, d.closed_at, d.collected, d.last_activity_at, d.external_system, d.external_id, "
            + "d.external_version, d.external_updated_at";

    @Inject
    Outbox outbox;

    /**
     * Takes the CRM deals' locks (in key order, so that concurrent deliveries never wait on each other in a
     * circle), then reads what applying {@code events} needs: the client's earlier events with these ids, the
     * user mappings, the deals (locked for update) with their splits, and the accounts. All of it in one round
     * trip: the statements run one after another, each seeing what was committed before it started, so every read
     * sees the last delivery that held a lock now held here.
     */
    CrmUnitOfWork load(Connection connection, String client, List<CrmDealEvent> events) throws SQLException {
        CrmUnitOfWork work = new CrmUnitOfWork();
        if (events.isEmpty()) {
            return work;
        }
        TreeSet<Long> locks = new TreeSet<>();
        Set<String> eventIds = new LinkedHashSet<>();
        Set<UserKey> users = new LinkedHashSet<>();
        Set<DealKey> deals = new LinkedHashSet<>();
        Set<AccountKey> accounts = new LinkedHashSet<>();
        for (CrmDealEvent event : events) {
            locks.add(CrmDealApplier.lockKey(event.crmSystem(), event.crmDealId()));
            eventIds.add(event.eventId());
            users.addAll(userKeys(event));
            deals.add(new DealKey(event.crmSystem(), event.crmDealId()));
            if (event.deal().account() != null) {
                accounts.add(new AccountKey(event.crmSystem(), event.deal().account().externalId()));
            }
        }
        try (PreparedStatement reads = connection.prepareStatement(LOAD)) {
            // unnest yields the array in order, and the locks are taken row by row as they come
            reads.setArray(1, connection.createArrayOf("bigint", locks.toArray()));
            reads.setString(2, client);
            reads.setArray(3, connection.createArrayOf("text", eventIds.toArray()));
            reads.setArray(4, textArray(connection, users.stream().map(UserKey::crmSystem).toList()));
            reads.setArray(5, textArray(connection, users.stream().map(UserKey::crmUser).toList()));
            for (int first : new int[] {6, 8}) {
                reads.setArray(first, textArray(connection, deals.stream().map(DealKey::crmSystem).toList()));
                reads.setArray(first + 1, textArray(connection, deals.stream().map(DealKey::crmDealId).toList()));
            }
            reads.setArray(10, textArray(connection, accounts.stream().map(AccountKey::crmSystem).toList()));
            reads.setArray(11, textArray(connection, accounts.stream().map(AccountKey::externalId).toList()));
            reads.execute();
            reads.getResultSet().close(); // the locks, taken
            readSeen(nextResult(reads), client, work);
            readUsers(nextResult(reads), work);
            Map<UUID, Deal> byId = readDeals(nextResult(reads), work);
            readSplits(nextResult(reads), byId);
            readAccounts(nextResult(reads), work);
        }
        return work;
    }

    /** Writes what the events changed: accounts, deals, splits, history, the accepted events, then the outbox. */
    void save(Connection connection, CrmUnitOfWork work) throws SQLException {
        ColumnArrays accounts = accountRows(work.newAccounts);
        ColumnArrays created = dealRows(work.created.values(), true);
        ColumnArrays updated = dealRows(work.updated.values(), false);
        ColumnArrays splits = splitRows(work);
        ColumnArrays transitions = transitionRows(work.transitions);
        ColumnArrays records = recordRows(work.records);
        try (PreparedStatement writes = connection.prepareStatement(
                "insert into account (" + accounts.names() + ") select * from " + accounts.unnest() + ";\n"
                        + "insert into deal (" + created.names() + ") select * from " + created.unnest() + ";\n"
                        + "update deal d set " + DEAL_UPDATES + " from " + updated.unnest() + " as u (" + updated.names()
                        + ") where d.id = u.id;\n"
                        + "delete from deal_split where deal_id = any(?::uuid[]);\n"
                        + "insert into deal_split (" + splits.names() + ") select * from " + splits.unnest() + ";\n"
                        + "insert into stage_transition (" + transitions.names() + ") select * from " + transitions.unnest() + ";\n"
                        + "insert into crm_event (" + records.names() + ") select * from " + records.unnest())) {
            int next = accounts.bind(connection, writes, 1);
            next = created.bind(connection, writes, next);
            next = updated.bind(connection, writes, next);
            writes.setArray(next++, connection.createArrayOf("text", work.splitsReplaced.stream().map(UUID::toString).toArray()));
            next = splits.bind(connection, writes, next);
            next = transitions.bind(connection, writes, next);
            records.bind(connection, writes, next);
            writes.execute();
        }
        outbox.publishAll(work.events);
    }

    /** The user keys an event may be mapped by: the owner's and each split member's CRM id and e-mail. */
    static List<UserKey> userKeys(CrmDealEvent event) {
        List<UserKey> keys = new ArrayList<>();
        addUser(keys, event.crmSystem(), event.deal().owner());
        if (event.deal().splits() != null) {
            event.deal().splits().forEach(split -> addUser(keys, event.crmSystem(), split.user()));
        }
        return keys;
    }

    private static void addUser(List<UserKey> keys, String crmSystem, CrmUser user) {
        if (user.externalId() != null) {
            keys.add(new UserKey(crmSystem, CrmUserMapping.normalise(user.externalId())));
        }
        if (user.email() != null) {
            keys.add(new UserKey(crmSystem, CrmUserMapping.normalise(user.email())));
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    /** The lock, then the five reads, each a result of {@link #load}'s one round trip. */
    private static final String LOAD = """
            select count(pg_advisory_xact_lock(k)) from unnest(?::bigint[]) as k;
            select event_id, crm_system, crm_deal_id, result, deal_id, deal_version, crm_version, crm_updated_at,
                   accepted_at
            from crm_event where client_id = ? and event_id = any(?::text[]);
            select m.crm_system, m.crm_user, m.user_id
            from crm_user_mapping m join unnest(?::text[], ?::text[]) as k (crm_system, crm_user)
              on m.crm_system = k.crm_system and m.crm_user = k.crm_user;
            select\s""" + DEAL_COLUMNS + """
             from deal d join unnest(?::text[], ?::text[]) as k (external_system, external_id)
              on d.external_system = k.external_system and d.external_id = k.external_id
            for update of d;
            select s.deal_id, s.member_id, s.percent
            from deal_split s join deal d on d.id = s.deal_id
              join unnest(?::text[], ?::text[]) as k (external_system, external_id)
              on d.external_system = k.external_system and d.external_id = k.external_id
            order by s.deal_id, s.percent desc, s.member_id asc;
            select a.external_system, a.external_id, a.id
            from account a join unnest(?::text[], ?::text[]) as k (external_system, external_id)
              on a.external_system = k.external_system and a.external_id = k.external_id""";

    private static ResultSet nextResult(PreparedStatement statement) throws SQLException {
        if (!statement.getMoreResults()) {
            throw new IllegalStateException("a read of the CRM delivery gave no rows");
        }
        return statement.getResultSet();
    }

    private static void readSeen(ResultSet rows, String client, CrmUnitOfWork work) throws SQLException {
        try (rows) {
            while (rows.next()) {
                CrmEventRecord record = new CrmEventRecord();
                record.clientId = client;
                record.eventId = rows.getString(1);
                record.crmSystem = rows.getString(2);
                record.crmDealId = rows.getString(3);
                record.result = Outcome.valueOf(rows.getString(4));
                record.dealId = rows.getObject(5, UUID.class);
                record.dealVersion = rows.getLong(6);
                record.crmVersion = (Long) rows.getObject(7);
                record.crmUpdatedAt = instant(rows, 8);
                record.acceptedAt = instant(rows, 9);
                work.seen.put(record.eventId, record);
            }
        }
    }

    private static void readUsers(ResultSet rows, CrmUnitOfWork work) throws SQLException {
        try (rows) {
            while (rows.next()) {
                work.users.put(new UserKey(rows.getString(1), rows.getString(2)), rows.getString(3));
            }
        }
    }

    private static Map<UUID, Deal> readDeals(ResultSet rows, CrmUnitOfWork work) throws SQLException {
        Map<UUID, Deal> byId = new HashMap<>();
        try (rows) {
            while (rows.next()) {
                Deal deal = deal(rows);
                byId.put(deal.id, deal);
                work.deals.put(new DealKey(deal.externalSystem, deal.externalId), deal);
            }
        }
        return byId;
    }

    /** In the order the entity's {@code @OrderBy} gives them, which the events show. */
    private static void readSplits(ResultSet rows, Map<UUID, Deal> deals) throws SQLException {
        try (rows) {
            while (rows.next()) {
                deals.get(rows.getObject(1, UUID.class)).splits.add(new DealSplit(rows.getString(2), rows.getBigDecimal(3)));
            }
        }
    }

    private static Deal deal(ResultSet rows) throws SQLException {
        Deal deal = new Deal();
        deal.id = rows.getObject(1, UUID.class);
        deal.name = rows.getString(2);
        deal.accountId = rows.getObject(3, UUID.class);
        deal.ownerId = rows.getString(4);
        deal.amount = rows.getBigDecimal(5);
        deal.currency = rows.getString(6);
        deal.productLine = rows.getString(7);
        deal.channel = rows.getString(8);
        deal.region = rows.getString(9);
        deal.customerTier = rows.getString(10);
        deal.newCustomer = rows.getBoolean(11);
        deal.expectedCloseDate = rows.getObject(12, LocalDate.class);
        deal.stage = Stage.valueOf(rows.getString(13));
        deal.pipelineId = rows.getObject(14, UUID.class);
        deal.pipelineStage = rows.getString(15);
        deal.probability = rows.getInt(16);
        deal.forecastCategory = Stage.ForecastCategory.valueOf(rows.getString(17));
        deal.version = rows.getLong(18);
        deal.createdAt = instant(rows, 19);
        deal.updatedAt = instant(rows, 20);
        deal.wonAt = instant(rows, 21);
        deal.closedAt = instant(rows, 22);
        deal.collected = rows.getBigDecimal(23);
        deal.lastActivityAt = instant(rows, 24);
        deal.externalSystem = rows.getString(25);
        deal.externalId = rows.getString(26);
        deal.externalVersion = (Long) rows.getObject(27);
        deal.externalUpdatedAt = instant(rows, 28);
        return deal;
    }

    private static void readAccounts(ResultSet rows, CrmUnitOfWork work) throws SQLException {
        try (rows) {
            while (rows.next()) {
                work.accounts.put(new AccountKey(rows.getString(1), rows.getString(2)), rows.getObject(3, UUID.class));
            }
        }
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    /** The columns a CRM delivery changes on an existing deal ({@link #dealRows} names them in {@code u}). */
    private static final String DEAL_UPDATES = """
            name = u.name, account_id = u.account_id, owner_id = u.owner_id, amount = u.amount, currency = u.currency,
            product_line = u.product_line, channel = u.channel, region = u.region, customer_tier = u.customer_tier,
            new_customer = u.new_customer, expected_close_date = u.expected_close_date, stage = u.stage,
            pipeline_stage = u.pipeline_stage, probability = u.probability, forecast_category = u.forecast_category,
            version = u.version, updated_at = u.updated_at, won_at = u.won_at, closed_at = u.closed_at,
            external_version = u.external_version, external_updated_at = u.external_updated_at""";

    private static ColumnArrays accountRows(List<Account> accounts) {
        ColumnArrays rows = new ColumnArrays().column("id", "uuid").column("name", "text").column("industry", "text")
                .column("company_size", "text").column("region", "text").column("tier", "text").column("segment", "text")
                .column("owner_id", "text").column("external_system", "text").column("external_id", "text")
                .column("version", "bigint").column("created_at", "timestamptz").column("updated_at", "timestamptz");
        // In key order: two deliveries creating the same accounts wait for each other in one direction only (the
        // second then fails on the unique key and runs again, seeing the first's accounts).
        accounts.stream().sorted(Comparator.comparing((Account a) -> a.externalSystem).thenComparing(a -> a.externalId))
                .forEach(a -> rows.row(a.id, a.name, a.industry, a.size, a.region, a.tier, a.segment, a.ownerId,
                        a.externalSystem, a.externalId, 0L, a.createdAt, a.updatedAt));
        return rows;
    }

    /**
     * Deals in their final state; the rows of existing deals are locked since {@link #load}, so the version read is
     * the version replaced.
     *
     * @param all every column (a new deal), or only those {@link #DEAL_UPDATES} sets and the id
     */
    private static ColumnArrays dealRows(Collection<Deal> deals, boolean all) {
        ColumnArrays rows = new ColumnArrays().column("id", "uuid").column("name", "text").column("account_id", "uuid")
                .column("owner_id", "text").column("amount", "numeric").column("currency", "text")
                .column("product_line", "text").column("channel", "text").column("region", "text")
                .column("customer_tier", "text").column("new_customer", "boolean").column("expected_close_date", "date")
                .column("stage", "text").column("pipeline_stage", "text").column("probability", "integer")
                .column("forecast_category", "text").column("version", "bigint").column("updated_at", "timestamptz")
                .column("won_at", "timestamptz").column("closed_at", "timestamptz").column("external_version", "bigint")
                .column("external_updated_at", "timestamptz");
        if (all) {
            rows.column("pipeline_id", "uuid").column("created_at", "timestamptz").column("collected", "numeric")
                    .column("external_system", "text").column("external_id", "text");
        }
        for (Deal d : deals) {
            List<Object> values = new ArrayList<>();
            values.addAll(Arrays.asList(d.id, d.name, d.accountId, d.ownerId, d.amount, d.currency, d.productLine,
                    d.channel, d.region, d.customerTier, d.newCustomer, d.expectedCloseDate, d.stage, d.pipelineStage,
                    d.probability, d.forecastCategory, d.version, d.updatedAt, d.wonAt, d.closedAt, d.externalVersion,
                    d.externalUpdatedAt));
            if (all) {
                values.addAll(Arrays.asList(d.pipelineId, d.createdAt, d.collected, d.externalSystem, d.externalId));
            }
            rows.row(values.toArray());
        }
        return rows;
    }

    /** The splits of new deals and the new splits of deals whose old ones are deleted. */
    private static ColumnArrays splitRows(CrmUnitOfWork work) {
        ColumnArrays rows = new ColumnArrays().column("deal_id", "uuid").column("member_id", "text")
                .column("percent", "numeric");
        List<Deal> withNewSplits = new ArrayList<>(work.created.values());
        work.splitsReplaced.forEach(id -> withNewSplits.add(work.updated.get(id)));
        for (Deal deal : withNewSplits) {
            deal.splits.forEach(split -> rows.row(deal.id, split.memberId, split.percent));
        }
        return rows;
    }

    /** A CRM deal lives on the default funnel, whose stage names are the funnel's. */
    private static ColumnArrays transitionRows(List<CrmUnitOfWork.Transition> transitions) {
        ColumnArrays rows = new ColumnArrays().column("deal_id", "uuid").column("from_stage", "text")
                .column("to_stage", "text").column("at", "timestamptz").column("actor", "text")
                .column("from_pipeline_stage", "text").column("to_pipeline_stage", "text");
        transitions.forEach(t -> rows.row(t.dealId(), t.from(), t.to(), t.at(), t.actor(), t.from(), t.to()));
        return rows;
    }

    private static ColumnArrays recordRows(List<CrmEventRecord> records) {
        ColumnArrays rows = new ColumnArrays().column("client_id", "text").column("event_id", "text")
                .column("crm_system", "text").column("crm_deal_id", "text").column("result", "text")
                .column("deal_id", "uuid").column("deal_version", "bigint").column("crm_version", "bigint")
                .column("crm_updated_at", "timestamptz").column("accepted_at", "timestamptz");
        records.forEach(r -> rows.row(r.clientId, r.eventId, r.crmSystem, r.crmDealId, r.result, r.dealId, r.dealVersion,
                r.crmVersion, r.crmUpdatedAt, r.acceptedAt));
        return rows;
    }

    // ---- values -------------------------------------------------------------------------------------------------

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
