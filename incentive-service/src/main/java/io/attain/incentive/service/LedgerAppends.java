package io.attain.incentive.service;

import io.attain.incentive.domain.CreditEntry;
import io.attain.incentive.domain.CreditEntryFact;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Credit entries and their facts waiting to be appended, written in append order as two JDBC batches (one
 * round trip each, however many entries a batch of deal events produced) instead of two inserts per entry.
 * The entries are immutable and their {@code seq} is assigned by the database in insert order, so nothing is
 * read back.
 */
final class LedgerAppends {

    private static final String INSERT_ENTRY = """
            insert into credit_entry (id, member_id, deal_id, kind, amount, currency, deal_version, source_event_id,
                                      reverses_entry_id, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_FACT = """
            insert into credit_entry_fact (entry_id, effective_on, business_on, product_line, channel, new_customer, reason)
            values (?, ?, ?, ?, ?, ?, ?)""";

    private final List<CreditEntry> entries = new ArrayList<>();
    private final List<CreditEntryFact> facts = new ArrayList<>();
    private int written;

    void add(CreditEntry entry, CreditEntryFact fact) {
        entries.add(entry);
        facts.add(fact);
    }

    /**
     * Writes the entries waiting, in the order they were added, in the transaction of {@code em}.
     *
     * @return how many entries were written so far, in all
     */
    int write(EntityManager em) {
        if (entries.isEmpty()) {
            return written;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
                for (CreditEntry entry : entries) {
                    insert.setObject(1, entry.id);
                    insert.setString(2, entry.memberId);
                    insert.setObject(3, entry.dealId);
                    insert.setString(4, entry.kind.name());
                    insert.setBigDecimal(5, entry.amount);
                    insert.setString(6, entry.currency);
                    insert.setLong(7, entry.dealVersion);
                    insert.setString(8, entry.sourceEventId);
                    Rows.setUuid(insert, 9, entry.reversesEntryId);
                    insert.setObject(10, OffsetDateTime.ofInstant(entry.recordedAt, ZoneOffset.UTC));
                    insert.addBatch();
                }
                Rows.requireOneRowEach(insert.executeBatch(), "credit_entry");
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_FACT)) {
                for (CreditEntryFact fact : facts) {
                    insert.setObject(1, fact.entryId);
                    insert.setObject(2, fact.effectiveOn);
                    insert.setObject(3, fact.businessOn);
                    insert.setString(4, fact.productLine);
                    insert.setString(5, fact.channel);
                    insert.setBoolean(6, fact.newCustomer);
                    insert.setString(7, fact.reason);
                    insert.addBatch();
                }
                Rows.requireOneRowEach(insert.executeBatch(), "credit_entry_fact");
            }
        });
        written += entries.size();
        entries.clear();
        facts.clear();
        return written;
    }
}
