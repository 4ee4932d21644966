package io.attain.incentive.reports;

import io.attain.events.Money;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.commission.CommissionComponent;
import io.attain.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Finance reports of a period: the statements the period shows ({@code current_statement}: each member's from the
 * newest run that calculated them) and their lines, read from the append-only commission ledger ({@code statement},
 * {@code commission_line}) with a database cursor and written while they are read, so a period of any size takes
 * the memory of one member's lines.
 *
 * <p>One query reads the whole report, so it shows the statements as they stood when it started, even while a
 * recalculation replaces some. Closing writes a run of every member and nothing changes a closed period after,
 * so a closed period's report is the same, byte for byte, whenever it is produced.
 */
@ApplicationScoped
public class PeriodReportService {

    /** Rows fetched per round trip while streaming. */
    static final int FETCH_SIZE = 1_000;
    /** How long one report may take to stream: a million lines to a slow client. */
    static final int STREAMING_TIMEOUT_SECONDS = 900;
    private static final String CURRENT_LINES = """
            select l.member_id, s.plan_id, s.plan_version, l.line_number, l.component, l.rule, l.basis_amount,
                   l.basis_currency, l.rate_percent, l.attainment_percent, l.amount, l.currency, l.explanation
            from current_statement c join statement s on s.id = c.statement_id
            join commission_line l on l.statement_id = s.id
            where c.period_id = ?
            order by l.member_id, l.line_number""";

    @Inject
    AgroalDataSource dataSource;

    /**
     * The period a report is about, with the run it will show.
     *
     * @throws ProblemException 404 when there is no such period
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ReportRequest prepare(UUID periodId) {
        Period period = Period.findById(periodId);
        if (period == null) {
            throw ProblemException.notFound("period", periodId);
        }
        return new ReportRequest(new ReportPeriod(period.id, period.name, period.start, period.end,
                period.status.name(), period.closedAt), period.currentRunId);
    }

    /**
     * Writes the report of {@code request} to {@code out} with {@code writer}. One read-only transaction, so the
     * database cursor stays open while the lines are written; it may last as long as a slow client takes to read a
     * large period, hence the long timeout.
     */
    @Transactional
    @TransactionConfiguration(timeout = STREAMING_TIMEOUT_SECONDS)
    public void write(ReportRequest request, PeriodReportWriter writer, OutputStream out) throws IOException {
        if (request.runId() == null) {
            writer.write(request.period(), Collections.emptyIterator(), out);
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(CURRENT_LINES, ResultSet.TYPE_FORWARD_ONLY,
                     ResultSet.CONCUR_READ_ONLY)) {
            query.setFetchSize(FETCH_SIZE);
            query.setObject(1, request.period().id());
            try (ResultSet rows = query.executeQuery()) {
                writer.write(request.period(), new LineCursor(rows), out);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the lines of period " + request.period().id() + " failed", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A period and its newest calculation run ({@code null}: never calculated, so the report has no lines). */
    public record ReportRequest(ReportPeriod period, UUID runId) {
    }

    /** Report lines read from the result set one at a time, as the writer asks for them. */
    private static final class LineCursor implements Iterator<ReportLine> {
        private final ResultSet rows;
        private Boolean ahead;

        LineCursor(ResultSet rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (ahead == null) {
                try {
                    ahead = rows.next();
                } catch (SQLException e) {
                    throw new IllegalStateException("reading report lines failed", e);
                }
            }
            return ahead;
        }

        @Override
        public ReportLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ahead = null;
            try {
                String currency = rows.getString(12);
                String basisCurrency = rows.getString(8);
                BigDecimal basis = rows.getBigDecimal(7);
                Object planId = rows.getObject(2);
                return new ReportLine(rows.getString(1), planId == null ? null : planId.toString(),
                        (Integer) rows.getObject(3), rows.getInt(4), CommissionComponent.valueOf(rows.getString(5)),
                        rows.getString(6), basis == null ? null : money(basis, basisCurrency), rows.getBigDecimal(9),
                        rows.getBigDecimal(10), money(rows.getBigDecimal(11), currency), rows.getString(13));
            } catch (SQLException e) {
                throw new IllegalStateException("reading report lines failed", e);
            }
        }
    }

    /**
     * An amount as stored (four decimals) at its currency's minor unit: lines are rounded to it, so nothing
     * is lost; a basis may carry more decimals, which are kept.
     */
    static Money money(BigDecimal stored, String currency) {
        int minorUnits = Money.minorUnits(currency);
        BigDecimal exact = stored.stripTrailingZeros();
        return Money.of(exact.scale() <= minorUnits ? exact.setScale(minorUnits, RoundingMode.UNNECESSARY) : exact, currency);
    }
}
