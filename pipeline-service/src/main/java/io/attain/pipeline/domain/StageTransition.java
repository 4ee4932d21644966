package io.attain.pipeline.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One move of a deal between stages; never changed once written. */
@Entity
@Table(name = "stage_transition")
public class StageTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "deal_id", nullable = false)
    public UUID dealId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_stage")
    public Stage fromStage;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_stage", nullable = false)
    public Stage toStage;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    /** The stage names in the deal's pipeline; on the default pipeline the funnel stage names. */
    @Column(name = "from_pipeline_stage")
    public String fromPipelineStage;

    @Column(name = "to_pipeline_stage")
    public String toPipelineStage;

    /** A move on the default funnel, whose stage names are the funnel's. */
    public static StageTransition record(UUID dealId, Stage from, Stage to, Instant at, String actor) {
        return record(dealId, from, from == null ? null : from.name(), to, to.name(), at, actor);
    }

    /** A move between two stages of a pipeline ({@code from} is {@code null} for a new deal). */
    public static StageTransition record(UUID dealId, PipelineStage from, PipelineStage to, Instant at, String actor) {
        return record(dealId, from == null ? null : from.funnelStage, from == null ? null : from.name,
                to.funnelStage, to.name, at, actor);
    }

    private static StageTransition record(UUID dealId, Stage from, String fromName, Stage to, String toName,
                                          Instant at, String actor) {
        StageTransition transition = new StageTransition();
        transition.dealId = dealId;
        transition.fromStage = from;
        transition.fromPipelineStage = fromName;
        transition.toStage = to;
        transition.toPipelineStage = toName;
        transition.at = at;
        transition.actor = actor;
        transition.persist();
        return transition;
    }

    public static List<StageTransition> of(UUID dealId) {
        return list("dealId = ?1 order by at, id", dealId);
    }
}
