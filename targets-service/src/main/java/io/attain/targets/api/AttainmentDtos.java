package io.attain.targets.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attain.events.Money;
import io.attain.targets.attainment.Attainment;
import io.attain.targets.attainment.Milestone;
import io.attain.targets.attainment.PaceStatus;
import io.attain.targets.attainment.Standing;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.decomposition.FunnelStage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Response bodies of {@link AttainmentResource} and the learned reverse funnel. Figures are decimal
 * strings: money at the currency's minor units (with {@code currency} set), counts with two decimals.
 */
public final class AttainmentDtos {

    /**
     * @param seasonality {@code LINEAR} (by day over the period) or {@code CHILD_PERIODS} (the target's
     *                    children tile its period, e.g. its months, and set the expected curve)
     */
    public record AttainmentView(UUID targetId, Metric metric, LocalDate periodStart, LocalDate periodEnd,
                                 UUID orgUnitId, String memberId, Map<String, String> dimensions, String currency,
                                 LocalDate asOf, String target, String actual, String percent, String gap,
                                 String expectedToDate, String expectedPercent, String seasonality, PaceStatus pace,
                                 List<Milestone> milestones) {

        public static AttainmentView of(io.attain.targets.domain.Target target, Attainment a, String seasonality) {
            return new AttainmentView(target.id, target.metric, target.periodStart, target.periodEnd, target.orgUnitId,
                    target.memberId, target.dimensions, target.currency, a.asOf(), plain(a.target()), plain(a.actual()),
                    plain(a.percent()), plain(a.gap()), plain(a.expectedToDate()), plain(a.expectedPercent()),
                    seasonality, a.pace(), a.milestones());
        }
    }

    /**
     * One page of a leaderboard. Reps see their team's names and percentages only: other members' actual
     * and target are left out for them.
     */
    public record LeaderboardView(UUID orgUnitId, Metric metric, LocalDate periodStart, LocalDate periodEnd,
                                  String currency, LocalDate asOf, List<StandingView> items, int page, int size,
                                  long total) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StandingView(int rank, String memberId, String displayName, String actual, String target,
                               String percent) {

        public static StandingView of(Standing standing, boolean withFigures) {
            return new StandingView(standing.rank(), standing.memberId(), standing.displayName(),
                    withFigures ? plain(standing.actual()) : null, withFigures ? plain(standing.target()) : null,
                    plain(standing.percent()));
        }
    }

    /**
     * A reverse funnel whose rates and deal size are learned from the deals closed (won or lost) from
     * {@code historyFrom} to {@code historyTo} by the members of {@code orgUnitId}'s subtree, or by
     * {@code memberId}; with neither, a rep's own deals and everyone's for finance and admin.
     */
    public record LearnedFunnelRequest(
            @NotNull @Valid Money target,
            UUID orgUnitId,
            @Size(max = 100) String memberId,
            @NotNull LocalDate historyFrom,
            @NotNull LocalDate historyTo) {
    }

    /** @param reached closed deals of the history that reached each stage, LEAD … WON */
    public record LearnedFunnelView(Money target, Money averageDealSize, List<FunnelDtos.StageRequirement> stages,
                                    LocalDate historyFrom, LocalDate historyTo, Map<FunnelStage, Long> reached,
                                    long wonDeals) {
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private AttainmentDtos() {
    }
}
