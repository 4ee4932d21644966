package io.attain.pipeline.api;

import io.attain.pipeline.domain.Pipeline;
import io.attain.pipeline.domain.PipelineStage;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.domain.StageKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@link PipelineResource}. Server-owned fields (id, version, times) are never read. */
public final class PipelineDtos {

    /**
     * @param orgUnitId the team (targets-service org unit) that works with this pipeline; one pipeline per team
     * @param stages    in funnel order: the open stages, then one WON, one COLLECTED and one LOST stage
     */
    public record SavePipeline(
            @NotBlank @Size(max = 100) String name,
            UUID orgUnitId,
            @NotNull List<StageSpec> stages) {
    }

    /**
     * @param probability default win probability of a deal in this stage, 0–100 (WON and COLLECTED 100, LOST 0)
     * @param funnelStage for an OPEN stage, the default-funnel stage it stands for in events and analytics (LEAD to
     *                    NEGOTIATION); left out, the open stages are spread from LEAD to NEGOTIATION by their place
     */
    public record StageSpec(String name, Integer probability, StageKind kind, Stage funnelStage) {
    }

    /** @param order the stage's place in the pipeline, from 1 */
    public record StageView(int order, String name, int probability, StageKind kind, Stage funnelStage) {
    }

    public record PipelineView(UUID id, String name, UUID orgUnitId, boolean builtIn, List<StageView> stages,
                               long version, Instant createdAt, Instant updatedAt) {
        public static PipelineView of(Pipeline pipeline) {
            List<StageView> stages = new ArrayList<>();
            for (int i = 0; i < pipeline.stages.size(); i++) {
                PipelineStage stage = pipeline.stages.get(i);
                stages.add(new StageView(i + 1, stage.name, stage.probability, stage.kind, stage.funnelStage));
            }
            return new PipelineView(pipeline.id, pipeline.name, pipeline.orgUnitId, pipeline.builtIn, stages,
                    pipeline.version, pipeline.createdAt, pipeline.updatedAt);
        }
    }

    private PipelineDtos() {
    }
}
