package io.attain.incentive.api;

import io.attain.incentive.domain.ExchangeRateEntry;
import io.attain.incentive.domain.PlainDecimal;
import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.PlanTerms;
import io.attain.incentive.domain.PlanVersionEntity;
import io.attain.incentive.service.PlanService;
import io.attain.support.api.Page;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Request and response bodies of {@link PlanResource} and {@link ExchangeRateResource}. */
public final class PlanDtos {

    /**
     * @param currency      ISO-4217; every amount of the plan and every commission line is in it
     * @param effectiveFrom the first day version 1 applies
     */
    public record CreatePlan(@NotBlank @Size(max = 200) String name, @NotBlank String currency, @NotNull LocalDate effectiveFrom,
                             @NotNull PlanTerms terms) {
    }

    /** A new version from {@code effectiveFrom}, or the replacement of a version not used yet. */
    public record VersionRequest(@NotNull LocalDate effectiveFrom, @NotNull PlanTerms terms) {
    }

    /**
     * @param used   whether a calculation used the version: then it never changes
     * @param usedAt when a calculation first used it
     */
    public record VersionView(UUID id, int number, LocalDate effectiveFrom, boolean used, Instant usedAt, PlanTerms terms) {
    }

    public record PlanView(UUID id, String name, String currency, Instant createdAt, String createdBy, List<VersionView> versions) {
        static PlanView of(PlanService.PlanWithVersions plan, Function<PlanVersionEntity, PlanTerms> terms) {
            return new PlanView(plan.plan().id, plan.plan().name, plan.plan().currency, plan.plan().createdAt, plan.plan().createdBy,
                    plan.versions().stream().map(version -> version(version, terms)).toList());
        }
    }

    static VersionView version(PlanVersionEntity version, Function<PlanVersionEntity, PlanTerms> terms) {
        return new VersionView(version.id, version.number, version.effectiveFrom, version.used(), version.usedAt, terms.apply(version));
    }

    public record PlansView(List<PlanView> items, int page, int size, long total) {
        static PlansView of(Page<PlanView> page) {
            return new PlansView(page.items(), page.page(), page.size(), page.total());
        }
    }

    /** The member is paid by the plan from {@code periodStart} to {@code periodEnd}, both included. */
    public record AssignmentRequest(@NotBlank @Size(max = 255) String memberId, @NotNull LocalDate periodStart,
                                    @NotNull LocalDate periodEnd) {
    }

    public record AssignmentView(UUID id, UUID planId, String memberId, LocalDate periodStart, LocalDate periodEnd,
                                 Instant createdAt) {
        static AssignmentView of(PlanAssignment assignment) {
            return new AssignmentView(assignment.id, assignment.planId, assignment.memberId, assignment.periodStart,
                    assignment.periodEnd, assignment.createdAt);
        }
    }

    public record AssignmentsView(List<AssignmentView> items, int page, int size, long total) {
        static AssignmentsView of(Page<PlanAssignment> page) {
            return new AssignmentsView(page.items().stream().map(AssignmentView::of).toList(), page.page(), page.size(), page.total());
        }
    }

    /** From {@code effectiveFrom} on, one {@code from} is worth {@code rate} {@code to} (only this direction). */
    public record ExchangeRateRequest(@NotBlank String from, @NotBlank String to, @NotNull LocalDate effectiveFrom,
                                      @NotNull @PlainDecimal BigDecimal rate) {
    }

    public record ExchangeRateView(UUID id, String from, String to, LocalDate effectiveFrom, @PlainDecimal BigDecimal rate,
                                   Instant createdAt) {
        static ExchangeRateView of(ExchangeRateEntry entry) {
            return new ExchangeRateView(entry.id, entry.fromCurrency, entry.toCurrency, entry.effectiveFrom,
                    entry.rate.stripTrailingZeros(), entry.createdAt);
        }
    }

    public record ExchangeRatesView(List<ExchangeRateView> items, int page, int size, long total) {
        static ExchangeRatesView of(Page<ExchangeRateEntry> page) {
            return new ExchangeRatesView(page.items().stream().map(ExchangeRateView::of).toList(), page.page(), page.size(),
                    page.total());
        }
    }

    private PlanDtos() {
    }
}
