package io.attain.pipeline.analytics;

import io.attain.pipeline.domain.Stage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stages the analytics reason about, by name: the open stages in funnel order, the stage a deal is won at,
 * the stages that count as booked (won, and collected after it) and the lost stage. Kept apart from
 * {@link Stage} so the calculations read names only and do not care where a funnel's stages come from.
 *
 * @param openStages         open stages, first to last
 * @param wonStage           the stage a won deal enters first; the funnel's last step leads into it
 * @param laterBookedStages  stages after the won stage that still count as won, in order (COLLECTED)
 * @param lostStage          the stage of lost deals
 * @param defaultProbability win probability (0–100) per stage, for deals that carry none
 */
public record FunnelDefinition(List<String> openStages, String wonStage, List<String> laterBookedStages,
                               String lostStage, Map<String, Integer> defaultProbability) {

    /** The default funnel LEAD → … → NEGOTIATION → WON → COLLECTED, and LOST. */
    public static final FunnelDefinition DEFAULT = new FunnelDefinition(
            Arrays.stream(Stage.values()).filter(Stage::isOpen).map(Stage::name).toList(),
            Stage.WON.name(),
            List.of(Stage.COLLECTED.name()),
            Stage.LOST.name(),
            Arrays.stream(Stage.values()).collect(Collectors.toMap(Stage::name, Stage::defaultProbability)));

    public FunnelDefinition {
        openStages = List.copyOf(openStages);
        laterBookedStages = List.copyOf(laterBookedStages);
        defaultProbability = Map.copyOf(defaultProbability);
    }

    /** Every stage in display order: the open ones, the booked ones, then the lost one. */
    public List<String> allStages() {
        return Stream.of(openStages, List.of(wonStage), laterBookedStages, List.of(lostStage))
                .flatMap(List::stream).toList();
    }

    /** The stages a deal progresses through, in order: the open ones and then the won stage. */
    public List<String> progression() {
        return Stream.concat(openStages.stream(), Stream.of(wonStage)).toList();
    }

    /**
     * How far along {@link #progression()} a stage is: its index there, booked stages at the won stage's index,
     * and -1 for the lost stage and for names the funnel does not know.
     */
    public int rank(String stage) {
        return isBooked(stage) ? openStages.size() : openStages.indexOf(stage);
    }

    public boolean isOpen(String stage) {
        return openStages.contains(stage);
    }

    public boolean isBooked(String stage) {
        return wonStage.equals(stage) || laterBookedStages.contains(stage);
    }

    public boolean isLost(String stage) {
        return lostStage.equals(stage);
    }

    /** The stage's default probability; 0 for a stage the funnel does not know. */
    public int defaultProbability(String stage) {
        return defaultProbability.getOrDefault(stage, 0);
    }
}
