package io.attain.pipeline.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How deals move through the funnel, from their recorded stage history: stage-to-stage conversion, win rate,
 * cycle time, days in stage and the bottleneck stage (漏斗堵塞点).
 *
 * <ul>
 *   <li><b>Conversion.</b> A deal has <em>reached</em> a stage when the furthest stage it ever entered (by its
 *   history and its current stage) is that stage or a later one in the funnel order; a deal that skipped stages
 *   counts as having passed them, and a lost deal keeps the furthest stage it got to. The conversion from a stage
 *   to the next is {@code reached(next) ÷ reached(stage)}. Deals still open count as not (yet) advanced.</li>
 *   <li><b>Win rate.</b> Won (booked) deals ÷ closed deals (booked + lost), by count.</li>
 *   <li><b>Cycle time.</b> From creation to being won ({@code wonAt}) or lost ({@code closedAt}), in days, over
 *   the closed deals.</li>
 *   <li><b>Days in stage.</b> Each stay in an open stage, from entering it to the next recorded change; a stay
 *   that is still going counts up to {@code asOf}, so deals stuck in a stage weigh in.</li>
 *   <li><b>Bottleneck.</b> The stage whose conversion to the next stage is lowest, among stages reached by at
 *   least {@code minDeals} deals (fewer says more about chance than about the funnel); ties go to the stage with
 *   more average days in stage, then to the earlier stage. The stage with the most average days is reported
 *   beside it as {@code slowestStage}, since a slow stage is the other face of a blocked funnel.</li>
 * </ul>
 *
 * Rates are fractions with four decimals (0.2500 = 25%), days have one decimal; both rounded half-up.
 * A rate or average over nothing is {@code null}.
 */
public final class FunnelPerformance {

    private static final int RATE_SCALE = 4;
    private static final int DAYS_SCALE = 1;
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toSeconds());

    /** Of the deals that reached {@code fromStage}, how many reached {@code toStage}. */
    public record StepConversion(String fromStage, String toStage, long reached, long advanced, BigDecimal rate) {
    }

    public record WinRate(long won, long lost, BigDecimal rate) {
    }

    public record CycleTime(long wonDeals, BigDecimal averageDaysToWin, long lostDeals, BigDecimal averageDaysToLose,
                            BigDecimal averageDays) {
    }

    /** Stays in one open stage: how many and their average length. */
    public record StageDuration(String stage, long stays, BigDecimal averageDays) {
    }

    public record Bottleneck(String stage, String nextStage, BigDecimal conversionRate, BigDecimal averageDaysInStage) {
    }

    public record Report(List<StepConversion> conversion, WinRate winRate, CycleTime cycleTime,
                         List<StageDuration> daysInStage, Bottleneck bottleneck, StageDuration slowestStage) {
    }

    private FunnelPerformance() {
    }

    /**
     * @param steps    the stage history of the deals, any order; steps of other deals are ignored
     * @param asOf     the end of the stays still going
     * @param minDeals how many deals must have reached a stage for it to be a bottleneck candidate
     */
    public static Report of(List<DealFacts> deals, List<StageStep> steps, FunnelDefinition funnel, Instant asOf,
                            int minDeals) {
        Map<UUID, DealFacts> byId = deals.stream().collect(Collectors.toMap(DealFacts::id, Function.identity(), (a, b) -> a));
        Map<UUID, List<StageStep>> history = new HashMap<>();
        for (StageStep step : steps) {
            if (byId.containsKey(step.dealId())) {
                history.computeIfAbsent(step.dealId(), id -> new ArrayList<>()).add(step);
            }
        }
        history.values().forEach(list -> list.sort(Comparator.comparing(StageStep::at)));

        List<StepConversion> conversion = conversion(deals, history, funnel);
        List<StageDuration> daysInStage = daysInStage(byId, history, funnel, asOf);
        return new Report(conversion, winRate(deals, funnel), cycleTime(deals, funnel), daysInStage,
                bottleneck(conversion, daysInStage, minDeals), slowest(daysInStage));
    }

    static List<StepConversion> conversion(List<DealFacts> deals, Map<UUID, List<StageStep>> history,
                                           FunnelDefinition funnel) {
        List<String> progression = funnel.progression();
        long[] reached = new long[progression.size()];
        for (DealFacts deal : deals) {
            int furthest = funnel.rank(deal.stage());
            for (StageStep step : history.getOrDefault(deal.id(), List.of())) {
                furthest = Math.max(furthest, funnel.rank(step.toStage()));
            }
            for (int rank = 0; rank <= furthest; rank++) {
                reached[rank]++;
            }
        }
        List<StepConversion> steps = new ArrayList<>();
        for (int i = 0; i + 1 < progression.size(); i++) {
            steps.add(new StepConversion(progression.get(i), progression.get(i + 1), reached[i], reached[i + 1],
                    ratio(reached[i + 1], reached[i])));
        }
        return steps;
    }

    static WinRate winRate(List<DealFacts> deals, FunnelDefinition funnel) {
        long won = deals.stream().filter(d -> funnel.isBooked(d.stage())).count();
        long lost = deals.stream().filter(d -> funnel.isLost(d.stage())).count();
        return new WinRate(won, lost, ratio(won, won + lost));
    }

    static CycleTime cycleTime(List<DealFacts> deals, FunnelDefinition funnel) {
        long won = 0;
        long wonSeconds = 0;
        long lost = 0;
        long lostSeconds = 0;
        for (DealFacts deal : deals) {
            if (funnel.isBooked(deal.stage()) && deal.wonAt() != null) {
                won++;
                wonSeconds += secondsBetween(deal.createdAt(), deal.wonAt());
            } else if (funnel.isLost(deal.stage()) && deal.closedAt() != null) {
                lost++;
                lostSeconds += secondsBetween(deal.createdAt(), deal.closedAt());
            }
        }
        return new CycleTime(won, days(wonSeconds, won), lost, days(lostSeconds, lost),
                days(wonSeconds + lostSeconds, won + lost));
    }

    static List<StageDuration> daysInStage(Map<UUID, DealFacts> deals, Map<UUID, List<StageStep>> history,
                                           FunnelDefinition funnel, Instant asOf) {
        Map<String, long[]> staysAndSeconds = new LinkedHashMap<>();
        funnel.openStages().forEach(stage -> staysAndSeconds.put(stage, new long[2]));
        history.forEach((dealId, steps) -> {
            for (int i = 0; i < steps.size(); i++) {
                StageStep step = steps.get(i);
                long[] sum = staysAndSeconds.get(step.toStage());
                if (sum == null) {
                    continue;
                }
                Instant end;
                if (i + 1 < steps.size()) {
                    end = steps.get(i + 1).at();
                } else if (step.toStage().equals(deals.get(dealId).stage())) {
                    end = asOf;
                } else {
                    // The history stops short of the deal's stage: the length of this stay is unknown.
                    continue;
                }
                sum[0]++;
                sum[1] += secondsBetween(step.at(), end);
            }
        });
        return staysAndSeconds.entrySet().stream()
                .map(e -> new StageDuration(e.getKey(), e.getValue()[0], days(e.getValue()[1], e.getValue()[0])))
                .toList();
    }

    static Bottleneck bottleneck(List<StepConversion> conversion, List<StageDuration> daysInStage, int minDeals) {
        Map<String, BigDecimal> averageDays = new HashMap<>();
        daysInStage.forEach(d -> {
            if (d.averageDays() != null) {
                averageDays.put(d.stage(), d.averageDays());
            }
        });
        StepConversion worst = null;
        for (StepConversion step : conversion) {
            if (step.reached() < Math.max(1, minDeals)) {
                continue;
            }
            // Strictly lower wins, so an earlier stage keeps a tie unless the later one is slower.
            if (worst == null || step.rate().compareTo(worst.rate()) < 0
                    || step.rate().compareTo(worst.rate()) == 0
                    && daysOf(averageDays, step.fromStage()).compareTo(daysOf(averageDays, worst.fromStage())) > 0) {
                worst = step;
            }
        }
        return worst == null ? null : new Bottleneck(worst.fromStage(), worst.toStage(), worst.rate(),
                averageDays.get(worst.fromStage()));
    }

    static StageDuration slowest(List<StageDuration> daysInStage) {
        StageDuration slowest = null;
        for (StageDuration stage : daysInStage) {
            if (stage.averageDays() != null
                    && (slowest == null || stage.averageDays().compareTo(slowest.averageDays()) > 0)) {
                slowest = stage;
            }
        }
        return slowest;
    }

    private static BigDecimal daysOf(Map<String, BigDecimal> averageDays, String stage) {
        return averageDays.getOrDefault(stage, BigDecimal.ZERO);
    }

    /** A clock set back between two events makes no negative stay. */
    private static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal days(long seconds, long count) {
        return count == 0 ? null
                : BigDecimal.valueOf(seconds).divide(SECONDS_PER_DAY.multiply(BigDecimal.valueOf(count)), DAYS_SCALE,
                RoundingMode.HALF_UP);
    }
}
