package io.attain.incentive.service;

import io.attain.incentive.domain.CalculationRun;
import io.attain.incentive.domain.CommissionLineEntry;
import io.attain.incentive.domain.Statement;
import io.attain.incentive.domain.commission.CreditCommission;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One calculation run's rows (the run, its statements, their lines and what each statement paid on each credit)
 * and where the period's statements now point, written over the transaction's connection as one JDBC batch per
 * table: a round trip per table however many members the run covers, no entity in the persistence context and
 * no flush passing over them. Everything a run writes is append-only, so nothing is read back; the lines' order
 * (their {@code seq}) is the order they were added in.
 */
final class RunWrites {

    private static final String INSERT_RUN = """
            insert into calculation_run (id, period_id, number, trigger, scope, requested_by, ledger_seq, calculated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_STATEMENT = """
            insert into statement (id, run_id, period_id, member_id, plan_id, plan_version_id, plan_version, currency, quota,
                                   attainment_percent, total, note)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LINE = """
            insert into commission_line (id, statement_id, run_id, period_id, member_id, line_number, component, rule,
                                         plan_version_id, basis_amount, basis_currency, rate_percent, attainment_percent,
                                         amount, currency, explanation, source_credit_id, source_deal_id, source_event_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_CREDIT_COMMISSION = """
            insert into statement_credit_commission (statement_id, credit_id, payment_id, deal_id, amount)
            values (?, ?, ?, ?, ?)""";
    private static final String POINT = """
            insert into current_statement (period_id, member_id, statement_id) values (?, ?, ?)
            on conflict (period_id, member_id) do update set statement_id = excluded.statement_id""";

    /** What a statement paid on one credit (and payment). */
    private record Paid(UUID statementId, CreditCommission commission) {
    }

    private final CalculationRun run;
    private final List<Statement> statements = new ArrayList<>();
    private final List<CommissionLineEntry> lines = new ArrayList<>();
    private final List<Paid> paid = new ArrayList<>();

    RunWrites(CalculationRun run) {
        this.run = run;
    }

    void statement(Statement statement) {
        statements.add(statement);
    }

    void line(CommissionLineEntry line) {
        lines.add(line);
    }

    void paid(UUID statementId, List<CreditCommission> commissions) {
        commissions.forEach(commission -> paid.add(new Paid(statementId, commission)));
    }

    /**
     * Writes everything added, then points the period at the statements written: instead of all its earlier ones
     * when the run covers everyone, otherwise instead of the earlier ones of the run's members, and at none for the
     * {@code dropped} members (no longer assigned).
     */
    void write(EntityManager em, boolean everyone, Collection<String> dropped) {
        em.unwrap(Session.class).doWork(connection -> {
            insertRun(connection);
            insertStatements(connection);
            insertLines(connection);
            insertCreditCommissions(connection);
            point(connection, everyone, dropped);
        });
    }

    private void insertRun(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            insert.setObject(1, run.id);
            insert.setObject(2, run.periodId);
            insert.setInt(3, run.number);
            insert.setString(4, run.trigger.name());
            insert.setString(5, run.scope.name());
            insert.setString(6, run.requestedBy);
            insert.setLong(7, run.ledgerSeq);
            insert.setObject(8, OffsetDateTime.ofInstant(run.calculatedAt, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private void insertStatements(Connection connection) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STATEMENT)) {
            for (Statement statement : statements) {
                insert.setObject(1, statement.id);
                insert.setObject(2, statement.runId);
                insert.setObject(3, statement.periodId);
                insert.setString(4, statement.memberId);
                insert.setObject(5, statement.planId);
                insert.setObject(6, statement.planVersionId);
                insert.setInt(7, statement.planVersion);
                insert.setString(8, statement.currency);
                Rows.setDecimal(insert, 9, statement.quota);
                Rows.setDecimal(insert, 10, statement.attainmentPercent);
                insert.setBigDecimal(11, statement.total);
                insert.setString(12, statement.note);
                insert.addBatch();
            }
            Rows.requireOneRowEach(insert.executeBatch(), "statement");
        }
    }

    private void insertLines(Connection connection) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LINE)) {
            for (CommissionLineEntry line : lines) {
                insert.setObject(1, line.id);
                insert.setObject(2, line.statementId);
                insert.setObject(3, line.runId);
                insert.setObject(4, line.periodId);
                insert.setString(5, line.memberId);
                insert.setInt(6, line.lineNumber);
                insert.setString(7, line.component.name());
                insert.setString(8, line.rule);
                insert.setObject(9, line.planVersionId);
                Rows.setDecimal(insert, 10, line.basisAmount);
                insert.setString(11, line.basisCurrency);
                Rows.setDecimal(insert, 12, line.ratePercent);
                Rows.setDecimal(insert, 13, line.attainmentPercent);
                insert.setBigDecimal(14, line.amount);
                insert.setString(15, line.currency);
                insert.setString(16, line.explanation);
                Rows.setUuid(insert, 17, line.sourceCreditId);
                Rows.setUuid(insert, 18, line.sourceDealId);
                insert.setString(19, line.sourceEventId);
                insert.addBatch();
            }
            Rows.requireOneRowEach(insert.executeBatch(), "commission_line");
        }
    }

    private void insertCreditCommissions(Connection connection) throws SQLException {
        if (paid.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CREDIT_COMMISSION)) {
            for (Paid row : paid) {
                insert.setObject(1, row.statementId());
                insert.setObject(2, UUID.fromString(row.commission().creditId()));
                Rows.setUuid(insert, 3, row.commission().paymentId() == null ? null : UUID.fromString(row.commission().paymentId()));
                insert.setObject(4, UUID.fromString(row.commission().dealId()));
                insert.setBigDecimal(5, row.commission().amount().amount());
                insert.addBatch();
            }
            Rows.requireOneRowEach(insert.executeBatch(), "statement_credit_commission");
        }
    }

    private void point(Connection connection, boolean everyone, Collection<String> dropped) throws SQLException {
        if (everyone) {
            try (PreparedStatement delete = connection.prepareStatement("delete from current_statement where period_id = ?")) {
                delete.setObject(1, run.periodId);
                delete.executeUpdate();
            }
        } else if (!dropped.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from current_statement where period_id = ? and member_id = any (?)")) {
                delete.setObject(1, run.periodId);
                delete.setArray(2, connection.createArrayOf("varchar", dropped.toArray()));
                delete.executeUpdate();
            }
        }
        if (statements.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(POINT)) {
            for (Statement statement : statements) {
                upsert.setObject(1, run.periodId);
                upsert.setString(2, statement.memberId);
                upsert.setObject(3, statement.id);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
