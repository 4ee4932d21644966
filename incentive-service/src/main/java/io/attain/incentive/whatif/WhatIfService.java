package io.attain.incentive.whatif;

import io.attain.events.Money;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.PeriodStatus;
import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.commission.CommissionBasis;
import io.attain.incentive.domain.commission.CommissionEngine;
import io.attain.incentive.domain.commission.CommissionException;
import io.attain.incentive.domain.commission.CommissionInput;
import io.attain.incentive.domain.commission.CommissionPeriod;
import io.attain.incentive.domain.commission.CommissionResult;
import io.attain.incentive.domain.commission.CommissionStatement;
import io.attain.incentive.domain.commission.Credit;
import io.attain.incentive.domain.commission.MissingExchangeRateException;
import io.attain.incentive.domain.commission.Payment;
import io.attain.incentive.service.CommissionInputs;
import io.attain.incentive.service.MemberAccess;
import io.attain.incentive.service.PlanChoice;
import io.attain.incentive.service.PlanService;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The what-if estimator: the commission a member would earn in a period with one more deal, against the same
 * commission without it. Both come from the real engine on the real input — the plan version the period's
 * calculation would use, the member's quota, credits, payments, reversals and prior payouts — plus one
 * hypothetical credit that exists only in memory.
 *
 * <p>Nothing is written: the estimate runs in a transaction that is always rolled back, so that even a read that
 * would record something on the side (such as marking a plan version used) leaves no trace, and no event is
 * published (the outbox relay only sees committed rows).
 */
@ApplicationScoped
public class WhatIfService {

    static final String HYPOTHETICAL_CREDIT = "what-if";
    /** Bounds of the ledger: an amount beyond them could never be credited. */
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000000");

    @Inject
    MemberAccess access;

    @Inject
    PlanService plans;

    @Inject
    CommissionInputs inputs;

    Clock clock = Clock.systemUTC();

    /**
     * @throws ProblemException 404 for a member outside the caller's scope or an unknown period; 400 for a
     *                          malformed amount or a close date outside the period; 422 for an unknown currency,
     *                          a closed period, no period on the close date, no plan, or no exchange rate
     */
    @Transactional
    public WhatIfEstimate estimate(String memberId, WhatIfRequest request) {
        try {
            access.requireVisible(memberId);
            Money amount = amountOf(request.dealAmount());
            Period period = periodOf(request);
            LocalDate countsOn = countsOn(request, period);
            PlanChoice plan = planFor(memberId, period);
            CommissionPeriod window = period.window();
            CommissionInput ledger = inputs.input(plan.terms(), window, List.of(memberId));
            Credit deal = hypotheticalCredit(memberId, amount, request, countsOn, plan);
            Money quota = ledger.quotas().get(memberId);

            CommissionStatement without = statementOf(CommissionEngine.calculate(ledger), memberId, plan);
            // Without a quota the calculation takes no credit of the member (see CommissionInputs): nor the deal's.
            CommissionStatement with = quota == null ? without
                    : statementOf(CommissionEngine.calculate(ledger.toBuilder().credit(deal).build()), memberId, plan);
            return new WhatIfEstimate(memberId, period, plan.plan().name, plan.plan().id, plan.version().number,
                    plan.terms().currency(), countsOn, amount, quota, scenario(without), scenario(with),
                    with.total().minus(without.total()), quota == null
                            ? "no quota for " + memberId + " in " + period.name + ": the plan pays attainment-based commission only against a quota"
                            : null);
        } catch (MissingExchangeRateException e) {
            throw new ProblemException(422, "missing-exchange-rate", "No exchange rate", e.getMessage(),
                    List.of(new Problem.FieldError("dealAmount.currency", e.getMessage())));
        } catch (CommissionException e) {
            throw new ProblemException(422, "calculation-failed", "Calculation failed", e.getMessage());
        } finally {
            // An estimate never changes anything, whatever the code it calls does on the side.
            QuarkusTransaction.setRollbackOnly();
        }
    }

    private static Money amountOf(WhatIfRequest.DealAmount dealAmount) {
        String currency = dealAmount.currency();
        if (!Money.isKnownCurrency(currency)) {
            throw new ProblemException(422, "unknown-currency", "Unknown currency",
                    "'" + currency + "' is not an ISO-4217 currency",
                    List.of(new Problem.FieldError("dealAmount.currency", "is not an ISO-4217 currency")));
        }
        BigDecimal value = dealAmount.amount();
        int minorUnits = Money.minorUnits(currency);
        if (value.stripTrailingZeros().scale() > minorUnits) {
            throw ProblemException.invalidField("dealAmount.amount", "has more decimals than " + currency + " has ("
                    + minorUnits + ")");
        }
        if (value.compareTo(LARGEST_AMOUNT) >= 0) {
            throw ProblemException.invalidField("dealAmount.amount", "must be below " + LARGEST_AMOUNT.toPlainString());
        }
        return Money.of(value.setScale(minorUnits), currency);
    }

    private Period periodOf(WhatIfRequest request) {
        Period period;
        if (request.periodId() != null) {
            period = Period.findById(request.periodId());
            if (period == null) {
                throw ProblemException.notFound("period", request.periodId());
            }
            if (request.closeDate() != null && !period.window().contains(request.closeDate())) {
                throw ProblemException.invalidField("closeDate", "must lie in period " + period.name + " (" + period.start
                        + " to " + period.end + ")");
            }
        } else if (request.closeDate() != null) {
            period = Period.overlapping(request.closeDate(), request.closeDate()).stream().findFirst()
                    .orElseThrow(() -> new ProblemException(422, "no-period", "No period",
                            "no commission period contains " + request.closeDate()));
        } else {
            throw new ProblemException(400, "invalid-request", "Invalid request", "give periodId or closeDate",
                    List.of(new Problem.FieldError("periodId", "periodId or closeDate is required")));
        }
        if (period.status == PeriodStatus.CLOSED) {
            throw new ProblemException(422, "period-closed", "Period closed", "period " + period.name
                    + " is closed: a deal won now counts in the next open period");
        }
        return period;
    }

    private LocalDate countsOn(WhatIfRequest request, Period period) {
        if (request.closeDate() != null) {
            return request.closeDate();
        }
        LocalDate today = LocalDate.now(clock);
        return period.window().contains(today) ? today : period.start;
    }

    /**
     * The plan version the period's calculation uses for the member: of the assignments sharing days with the
     * period the one that starts last, with its plan's version in effect on the last day it covers in the period.
     */
    private PlanChoice planFor(String memberId, Period period) {
        // the same choice as the period's calculation (PeriodService), so the estimate matches the statement
        Optional<PlanAssignment> assignment = PlanAssignment.overlapping(memberId, period.start, period.end).stream()
                .reduce(PlanService::governing);
        return assignment.flatMap(a -> plans.choiceForPeriod(a, period.end))
                .orElseThrow(() -> new ProblemException(422, "no-plan", "No plan",
                        "member " + memberId + " has no commission plan in effect in period " + period.name));
    }

    /** The deal as a credit of its full amount, paid in full on the same day when the plan pays on collection. */
    private static Credit hypotheticalCredit(String memberId, Money amount, WhatIfRequest request, LocalDate countsOn,
                                             PlanChoice plan) {
        List<Payment> payments = plan.terms().basis() == CommissionBasis.COLLECTED
                ? List.of(new Payment(HYPOTHETICAL_CREDIT, countsOn, amount)) : List.of();
        return new Credit(HYPOTHETICAL_CREDIT + "-" + UUID.randomUUID(), HYPOTHETICAL_CREDIT, memberId, amount,
                blankToNull(request.productLine()), blankToNull(request.channel()),
                Boolean.TRUE.equals(request.newCustomer()), countsOn, payments);
    }

    private static CommissionStatement statementOf(CommissionResult result, String memberId, PlanChoice plan) {
        return result.statement(memberId).orElseGet(() -> new CommissionStatement(memberId, result.period(),
                plan.terms().planId(), plan.terms().version(), null, null, List.of(), Money.zero(plan.terms().currency()),
                List.of()));
    }

    private static WhatIfEstimate.Scenario scenario(CommissionStatement statement) {
        return new WhatIfEstimate.Scenario(statement.attainmentPercent(), statement.lines(), statement.total());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
