package io.attain.pipeline.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered stages of a pipeline and the moves between them. The moves follow the default funnel by kind:
 * an open stage to any other open stage, to the won stage or to the lost stage; won to collected or lost; lost
 * reopens at any open stage; collected is final. So a team renames, adds or drops open stages without changing
 * what a deal's life means to events, analytics and incentives.
 */
public record PipelineLayout(List<PipelineStage> stages) {

    public static final int MAX_STAGES = 20;
    public static final int MAX_NAME_LENGTH = 50;

    /** The default funnel: LEAD → CONTACTED → NEEDS_ANALYSIS → PROPOSAL → NEGOTIATION → WON → COLLECTED, and LOST. */
    public static final PipelineLayout DEFAULT = new PipelineLayout(Arrays.stream(Stage.values())
            .map(stage -> new PipelineStage(stage.name(), stage.defaultProbability(), StageKind.of(stage), stage))
            .toList());

    /** The open funnel stages, in order, that the open stages of a pipeline are mapped onto. */
    private static final List<Stage> OPEN_FUNNEL = Arrays.stream(Stage.values()).filter(Stage::isOpen).toList();

    public PipelineLayout {
        stages = List.copyOf(stages);
    }

    /** A stage as a client asks for it; {@code funnelStage} may be left out for an open stage. */
    public record Draft(String name, Integer probability, StageKind kind, Stage funnelStage) {
    }

    /** One thing wrong with a draft: a path into the request ({@code stages[2].probability}) and why. */
    public record Violation(String field, String message) {
    }

    /** The layout the drafts describe, or what is wrong with them. */
    public sealed interface Checked {
    }

    public record Valid(PipelineLayout layout) implements Checked {
    }

    public record Invalid(List<Violation> violations) implements Checked {
    }

    /**
     * Checks drafts in pipeline order: names present, at most {@value #MAX_NAME_LENGTH} characters and unique in
     * any case; probabilities 0–100; the open stages first (at least one, probabilities not falling), then exactly
     * one WON (100), one COLLECTED (100) and one LOST (0) in that order. An open stage without a funnel stage is
     * mapped by its place: the first to LEAD, the last to NEGOTIATION, the ones between spread evenly; given funnel
     * stages must be open funnel stages and must not fall from one open stage to the next.
     */
    public static Checked check(List<Draft> drafts) {
        List<Violation> violations = new ArrayList<>();
        if (drafts == null || drafts.isEmpty()) {
            return new Invalid(List.of(new Violation("stages", "must list the stages in order: open stages, then WON, COLLECTED and LOST")));
        }
        if (drafts.size() > MAX_STAGES) {
            return new Invalid(List.of(new Violation("stages", "may have at most " + MAX_STAGES + " stages, not " + drafts.size())));
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            String at = "stages[" + i + "]";
            if (draft == null) {
                violations.add(new Violation(at, "must be a stage"));
                continue;
            }
            if (draft.name() == null || draft.name().isBlank()) {
                violations.add(new Violation(at + ".name", "must not be blank"));
            } else if (draft.name().strip().length() > MAX_NAME_LENGTH) {
                violations.add(new Violation(at + ".name", "must be at most " + MAX_NAME_LENGTH + " characters"));
            } else {
                Integer previous = names.putIfAbsent(draft.name().strip().toLowerCase(Locale.ROOT), i);
                if (previous != null) {
                    violations.add(new Violation(at + ".name", "repeats the name of stages[" + previous + "]"));
                }
            }
            if (draft.probability() == null) {
                violations.add(new Violation(at + ".probability", "must be given, 0 to 100"));
            } else if (draft.probability() < 0 || draft.probability() > 100) {
                violations.add(new Violation(at + ".probability", "must be 0 to 100, not " + draft.probability()));
            }
            if (draft.kind() == null) {
                violations.add(new Violation(at + ".kind", "must be one of OPEN, WON, COLLECTED, LOST"));
            }
        }
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        checkOrder(drafts, violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        List<Stage> funnel = funnelStages(drafts, violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        List<PipelineStage> stages = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            stages.add(new PipelineStage(draft.name().strip(), draft.probability(), draft.kind(), funnel.get(i)));
        }
        return new Valid(new PipelineLayout(stages));
    }

    /** Open stages first with probabilities not falling, then WON 100, COLLECTED 100, LOST 0. */
    private static void checkOrder(List<Draft> drafts, List<Violation> violations) {
        int open = 0;
        while (open < drafts.size() && drafts.get(open).kind() == StageKind.OPEN) {
            open++;
        }
        if (open == 0) {
            violations.add(new Violation("stages", "must start with at least one OPEN stage"));
            return;
        }
        List<StageKind> closed = drafts.subList(open, drafts.size()).stream().map(Draft::kind).toList();
        if (!closed.equals(List.of(StageKind.WON, StageKind.COLLECTED, StageKind.LOST))) {
            violations.add(new Violation("stages", "must end with exactly one WON, one COLLECTED and one LOST stage, in "
                    + "that order, after the open stages; found " + closed));
            return;
        }
        for (int i = 1; i < open; i++) {
            if (drafts.get(i).probability() < drafts.get(i - 1).probability()) {
                violations.add(new Violation("stages[" + i + "].probability", "must not be below the probability of the "
                        + "stage before it (" + drafts.get(i - 1).probability() + "): later stages are closer to a win"));
            }
        }
        int[] required = {100, 100, 0};
        for (int i = 0; i < 3; i++) {
            Draft draft = drafts.get(open + i);
            if (draft.probability() != required[i]) {
                violations.add(new Violation("stages[" + (open + i) + "].probability",
                        "a " + draft.kind() + " stage has probability " + required[i] + ", not " + draft.probability()));
            }
        }
    }

    private static List<Stage> funnelStages(List<Draft> drafts, List<Violation> violations) {
        long openCount = drafts.stream().filter(d -> d.kind() == StageKind.OPEN).count();
        List<Stage> funnel = new ArrayList<>();
        Stage previousOpen = null;
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            String at = "stages[" + i + "].funnelStage";
            if (draft.kind() != StageKind.OPEN) {
                Stage required = draft.kind().closedFunnelStage();
                if (draft.funnelStage() != null && draft.funnelStage() != required) {
                    violations.add(new Violation(at, "a " + draft.kind() + " stage maps to " + required + ", not " + draft.funnelStage()));
                }
                funnel.add(required);
                continue;
            }
            Stage mapped = draft.funnelStage() != null ? draft.funnelStage() : defaultOpenFunnelStage(i, (int) openCount);
            if (!mapped.isOpen()) {
                violations.add(new Violation(at, "an OPEN stage maps to one of " + OPEN_FUNNEL + ", not " + mapped));
            } else {
                if (previousOpen != null && mapped.ordinal() < previousOpen.ordinal()) {
                    violations.add(new Violation(at, "must not come before the funnel stage of the stage before it ("
                            + previousOpen + ")"));
                }
                previousOpen = mapped;
            }
            funnel.add(mapped);
        }
        return funnel;
    }

    /** The i-th of n open stages spread over LEAD..NEGOTIATION: the first at LEAD, the last at NEGOTIATION. */
    static Stage defaultOpenFunnelStage(int index, int openCount) {
        if (openCount <= 1) {
            return OPEN_FUNNEL.getFirst();
        }
        return OPEN_FUNNEL.get(index * (OPEN_FUNNEL.size() - 1) / (openCount - 1));
    }

    public PipelineStage first() {
        return stages.getFirst();
    }

    public Optional<PipelineStage> stage(String name) {
        return stages.stream().filter(stage -> stage.name.equals(name)).findFirst();
    }

    /** The stage of this kind; every valid layout has exactly one WON, COLLECTED and LOST stage. */
    public PipelineStage only(StageKind kind) {
        return stages.stream().filter(stage -> stage.kind == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("pipeline has no " + kind + " stage"));
    }

    /**
     * Where a deal sits: the stage of that name when it maps to the deal's funnel stage; otherwise (a deal moved on
     * the funnel alone, as the CRM ingestion does) the closed stage of that kind, or the furthest open stage not
     * beyond the deal's funnel stage.
     */
    public PipelineStage locate(String name, Stage funnelStage) {
        Optional<PipelineStage> named = stage(name).filter(stage -> stage.funnelStage == funnelStage);
        if (named.isPresent()) {
            return named.get();
        }
        if (!funnelStage.isOpen()) {
            return only(StageKind.of(funnelStage));
        }
        // The furthest open stage not beyond the deal's funnel stage, else the first.
        PipelineStage located = first();
        for (PipelineStage stage : stages) {
            if (stage.isOpen() && stage.funnelStage.ordinal() <= funnelStage.ordinal()) {
                located = stage;
            }
        }
        return located;
    }

    /** The stages a deal in {@code from} may move to, in pipeline order. */
    public List<PipelineStage> allowedNext(PipelineStage from) {
        return stages.stream().filter(to -> canMove(from, to)).toList();
    }

    /**
     * The moves open to a deal that has {@code fullyPaid} its amount or not: a won deal reaches the collected stage
     * by its payments, so by hand only once they cover the amount.
     */
    public List<PipelineStage> allowedNext(PipelineStage from, boolean fullyPaid) {
        return allowedNext(from).stream().filter(to -> fullyPaid || to.kind != StageKind.COLLECTED).toList();
    }

    public boolean canMove(PipelineStage from, PipelineStage to) {
        if (from.name.equals(to.name)) {
            return false;
        }
        return switch (from.kind) {
            case OPEN -> to.kind == StageKind.OPEN || to.kind == StageKind.WON || to.kind == StageKind.LOST;
            case WON -> to.kind == StageKind.COLLECTED || to.kind == StageKind.LOST;
            case LOST -> to.kind == StageKind.OPEN;
            case COLLECTED -> false;
        };
    }

    public List<String> names() {
        return stages.stream().map(stage -> stage.name).toList();
    }
}
