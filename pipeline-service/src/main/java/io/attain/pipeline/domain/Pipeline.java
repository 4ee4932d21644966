package io.attain.pipeline.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A sales process (销售流程) a team works with: its ordered stages. The built-in default pipeline is the
 * default funnel; it is read-only, and every deal not created on another pipeline (named, or its owner's team's) follows it.
 */
@Entity
@Table(name = "pipeline")
public class Pipeline extends PanacheEntityBase {

    /** The id the default pipeline has in every database (inserted by the V4 migration). */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** The team (an org unit of targets-service) that works with this pipeline, if one does. */
    @Column(name = "org_unit_id")
    public UUID orgUnitId;

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    @CollectionTable(name = "pipeline_stage", joinColumns = @JoinColumn(name = "pipeline_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    public List<PipelineStage> stages = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public PipelineLayout layout() {
        return new PipelineLayout(stages);
    }

    /** Takes over a checked layout, leaving the stage collection alone when nothing in it changed. */
    public void arrange(PipelineLayout layout) {
        if (!stages.equals(layout.stages())) {
            stages.clear();
            stages.addAll(layout.stages());
        }
    }
}
