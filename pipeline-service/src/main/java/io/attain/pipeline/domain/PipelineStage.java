package io.attain.pipeline.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.Objects;

/**
 * One stage of a pipeline: its name as the team calls it, its default win probability, its kind, and the
 * funnel stage it stands for in events and analytics (for an open stage one of LEAD..NEGOTIATION; for the
 * others WON, COLLECTED or LOST).
 */
@Embeddable
public class PipelineStage {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int probability;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StageKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "funnel_stage", nullable = false)
    public Stage funnelStage;

    protected PipelineStage() {
    }

    public PipelineStage(String name, int probability, StageKind kind, Stage funnelStage) {
        this.name = Objects.requireNonNull(name, "name");
        this.probability = probability;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.funnelStage = Objects.requireNonNull(funnelStage, "funnelStage");
    }

    public boolean isOpen() {
        return kind == StageKind.OPEN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineStage other && name.equals(other.name) && probability == other.probability
                && kind == other.kind && funnelStage == other.funnelStage;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, probability, kind, funnelStage);
    }

    @Override
    public String toString() {
        return name + " (" + kind + " -> " + funnelStage + ", " + probability + "%)";
    }
}
