package io.attain.incentive.whatif;

import io.attain.events.Money;
import io.attain.incentive.domain.commission.CommissionComponent;
import io.attain.incentive.domain.commission.CommissionLine;
import io.attain.incentive.domain.PlainDecimal;
import io.attain.incentive.domain.PeriodStatus;
import io.attain.support.security.Caller;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@code POST /api/incentives/what-if}: what the caller (or, for a manager, a member of their subtree named by
 * {@code ?memberId=}) would earn in a period if a deal closed at an amount, next to what they earn now. A POST
 * because the question has a body; it creates and changes nothing.
 */
@Path("/api/incentives/what-if")
public class WhatIfResource {

    @Inject
    WhatIfService whatIf;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    @Operation(summary = "Estimate the commission with and without a hypothetical deal; writes nothing")
    public WhatIfView estimate(@QueryParam("memberId") @Size(max = 255) String memberId,
                               @Valid @NotNull WhatIfRequest request) {
        String member = memberId == null || memberId.isBlank() ? caller.id() : memberId;
        return WhatIfView.of(whatIf.estimate(member, request));
    }

    /**
     * @param countsOn   the day the deal is counted on (booked, and on the collected basis paid in full)
     * @param quota      the member's quota for the period, or {@code null} without one (then the deal changes nothing)
     * @param difference {@code with.total − without.total}
     */
    public record WhatIfView(String memberId, PeriodRef period, PlanRef plan, LocalDate countsOn, Money dealAmount,
                             Money quota, ScenarioView without, ScenarioView with, Money difference, String note) {
        static WhatIfView of(WhatIfEstimate estimate) {
            var period = estimate.period();
            return new WhatIfView(estimate.memberId(),
                    new PeriodRef(period.id, period.name, period.start, period.end, period.status),
                    new PlanRef(estimate.planId(), estimate.planName(), estimate.planVersion(), estimate.currency()),
                    estimate.countsOn(), estimate.dealAmount(), estimate.quota(), ScenarioView.of(estimate.without()),
                    ScenarioView.of(estimate.with()), estimate.difference(), estimate.note());
        }
    }

    public record PeriodRef(UUID id, String name, LocalDate start, LocalDate end, PeriodStatus status) {
    }

    public record PlanRef(UUID id, String name, int version, String currency) {
    }

    public record ScenarioView(@PlainDecimal BigDecimal attainmentPercent, Money total, List<LineView> lines) {
        static ScenarioView of(WhatIfEstimate.Scenario scenario) {
            List<CommissionLine> lines = scenario.lines();
            return new ScenarioView(scenario.attainmentPercent(), scenario.total(),
                    IntStream.range(0, lines.size()).mapToObj(i -> LineView.of(i + 1, lines.get(i))).toList());
        }
    }

    /** A line of an estimate, shaped like a statement line. */
    public record LineView(int number, CommissionComponent component, String rule, Money basis,
                           @PlainDecimal BigDecimal ratePercent, @PlainDecimal BigDecimal attainmentPercent, Money amount,
                           String explanation) {
        static LineView of(int number, CommissionLine line) {
            return new LineView(number, line.component(), line.rule(), line.basis(),
                    line.ratePercent() == null ? null : line.ratePercent().stripTrailingZeros(), line.attainmentPercent(),
                    line.amount(), line.explanation());
        }
    }
}
