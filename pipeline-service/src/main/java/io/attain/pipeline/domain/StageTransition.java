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

    public static StageTransition record(UUID dealId, Stage from, Stage to, Instant at, String actor) {
        StageTransition transition = new StageTransition();
        transition.dealId = dealId;
        transition.fromStage = from;
        transition.toStage = to;
        transition.at = at;
        transition.actor = actor;
        transition.persist();
        return transition;
    }

    public static List<StageTransition> of(UUID dealId) {
        return list("dealId = ?1 order by at, id", dealId);
    }
}
