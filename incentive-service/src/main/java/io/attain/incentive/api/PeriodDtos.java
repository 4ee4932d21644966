package io.attain.incentive.api;

import io.attain.events.Money;
import io.attain.incentive.domain.CalculationRun;
import io.attain.incentive.domain.CommissionLineEntry;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.PeriodStatus;
import io.attain.incentive.domain.PlainDecimal;
import io.attain.incentive.domain.commission.CommissionComponent;
import io.attain.incentive.service.StatementService.StatementDetails;
import io.attain.support.api.Page;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@link PeriodResource} and {@link StatementResource}. */
public final class PeriodDtos {

    /**
     * @param start    first day, included
     * @param end      last day, included
     * @param currency optional: the currency finance reports the period in
     */
    public record CreatePeriod(@NotBlank @Size(max = 100) String name, @NotNull LocalDate start, @NotNull LocalDate end,
                               String currency) {
    }

    /** A calculation run: {@code trigger} REQUEST (asked for), AUTO (ledger changed) or CLOSE (the closing calculation). */
    public record RunView(UUID id, int number, CalculationRun.Trigger trigger, Instant calculatedAt) {
        static RunView of(CalculationRun run) {
            return run == null ? null : new RunView(run.id, run.number, run.trigger, run.calculatedAt);
        }
    }

    public record PeriodView(UUID id, String name, LocalDate start, LocalDate end, String currency, PeriodStatus status,
                             RunView currentRun, Instant createdAt, Instant calculatedAt, Instant closedAt, String closedBy) {
        static PeriodView of(Period period, CalculationRun run) {
            return new PeriodView(period.id, period.name, period.start, period.end, period.currency, period.status, RunView.of(run),
                    period.createdAt, period.calculatedAt, period.closedAt, period.closedBy);
        }
    }

    public record PeriodsView(List<PeriodView> items, int page, int size, long total) {
        static PeriodsView of(Page<PeriodView> page) {
            return new PeriodsView(page.items(), page.page(), page.size(), page.total());
        }
    }

    /**
     * One line of a statement.
     *
     * @param rule              which part of the plan produced it, e.g. {@code tier:100}, {@code reversal:<credit id>}
     * @param basis             the amount the rate applies to, or {@code null}
     * @param ratePercent       the rate in percent, or {@code null}
     * @param attainmentPercent the attainment the line depends on, or {@code null}
     * @param sourceCreditId    for a line about one credit: that credit entry; with its deal and the event behind it
     */
    public record LineView(int number, CommissionComponent component, String rule, Money basis, @PlainDecimal BigDecimal ratePercent,
                           @PlainDecimal BigDecimal attainmentPercent, Money amount, String explanation, UUID sourceCreditId,
                           UUID sourceDealId, String sourceEventId) {
        static LineView of(CommissionLineEntry line) {
            return new LineView(line.lineNumber, line.component, line.rule, line.basis(),
                    line.ratePercent == null ? null : line.ratePercent.stripTrailingZeros(), line.attainmentPercent, line.amountMoney(),
                    line.explanation, line.sourceCreditId, line.sourceDealId, line.sourceEventId);
        }
    }

    /**
     * A member's statement in a period, as the period's current run shows it.
     *
     * @param stale whether the member's ledger, quota or plan changed since the run (period not closed): a new
     *              run follows within seconds
     * @param total the sum of the rounded lines
     * @param note  why a statement pays nothing, e.g. no quota for the period
     */
    public record StatementView(String memberId, UUID periodId, String periodName, LocalDate periodStart, LocalDate periodEnd,
                                PeriodStatus periodStatus, RunView run, boolean stale, UUID planId, int planVersion, Money quota,
                                @PlainDecimal BigDecimal attainmentPercent, Money total, String note, List<LineView> lines) {
        static StatementView of(StatementDetails details) {
            var statement = details.statement();
            var period = details.period();
            return new StatementView(statement.memberId, period.id, period.name, period.start, period.end, period.status,
                    RunView.of(details.run()), details.stale(), statement.planId, statement.planVersion, statement.quotaMoney(),
                    statement.attainmentPercent, statement.totalMoney(), statement.note,
                    details.lines().stream().map(LineView::of).toList());
        }
    }

    public record StatementsView(List<StatementView> items, int page, int size, long total) {
        static StatementsView of(Page<StatementDetails> page) {
            return new StatementsView(page.items().stream().map(StatementView::of).toList(), page.page(), page.size(), page.total());
        }
    }

    private PeriodDtos() {
    }
}
