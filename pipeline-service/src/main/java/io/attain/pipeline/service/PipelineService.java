package io.attain.pipeline.service;

import io.attain.pipeline.api.PipelineDtos.SavePipeline;
import io.attain.pipeline.api.PipelineDtos.StageSpec;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.Pipeline;
import io.attain.pipeline.domain.PipelineLayout;
import io.attain.pipeline.domain.PipelineStage;
import io.attain.pipeline.domain.Stage;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.Problem;
import io.attain.support.org.OrgDirectory;
import io.attain.support.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Pipelines per team, kept by admins. The built-in default pipeline is the default funnel and read-only; a pipeline
 * keeps every stage its deals are in (same name, kind and funnel stage) for as long as they are in it.
 */
@ApplicationScoped
@Transactional
public class PipelineService {

    static final String NAME_CONSTRAINT = "pipeline_name_unique";
    static final String TEAM_CONSTRAINT = "pipeline_org_unit_unique";
    /** Guards the walk up the org tree against a cycle in the read model; real trees are a handful of levels. */
    private static final int MAX_ORG_DEPTH = 64;

    @Inject
    OrgDirectory orgDirectory;

    public Pipeline create(SavePipeline request) {
        PipelineLayout layout = checkedLayout(request.stages());
        String name = request.name().strip();
        checkUnique(name, request.orgUnitId(), null);
        Instant now = Instant.now();
        Pipeline pipeline = new Pipeline();
        pipeline.id = UUID.randomUUID();
        pipeline.name = name;
        pipeline.orgUnitId = request.orgUnitId();
        pipeline.createdAt = now;
        pipeline.updatedAt = now;
        pipeline.arrange(layout);
        flushGuardingUniqueness(pipeline, true);
        return pipeline;
    }

    /**
     * Replaces a pipeline's name, team and stages.
     *
     * @param expectedVersion the version the client changed (from If-Match); empty for any version
     */
    public Pipeline update(UUID id, OptionalLong expectedVersion, SavePipeline request) {
        // Locked so that deals cannot enter a stage this change removes (they share-lock the pipeline).
        Pipeline pipeline = Pipeline.<Pipeline>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("pipeline", id));
        refuseBuiltIn(pipeline);
        AccountService.checkVersion("pipeline", pipeline.version, expectedVersion);
        PipelineLayout layout = checkedLayout(request.stages());
        String name = request.name().strip();
        checkUnique(name, request.orgUnitId(), id);
        checkStagesInUse(pipeline, layout);
        boolean changed = !name.equals(pipeline.name) || !Objects.equals(pipeline.orgUnitId, request.orgUnitId())
                || !pipeline.stages.equals(layout.stages());
        if (changed) {
            pipeline.name = name;
            pipeline.orgUnitId = request.orgUnitId();
            pipeline.arrange(layout);
            pipeline.updatedAt = Instant.now();
            flushGuardingUniqueness(pipeline, false);
        }
        return pipeline;
    }

    /** Deletes a pipeline no deal was ever created on (deals keep their pipeline for good). */
    public void delete(UUID id, OptionalLong expectedVersion) {
        Pipeline pipeline = Pipeline.<Pipeline>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("pipeline", id));
        refuseBuiltIn(pipeline);
        AccountService.checkVersion("pipeline", pipeline.version, expectedVersion);
        long deals = Deal.count("pipelineId", id);
        if (deals > 0) {
            throw ProblemException.conflict("pipeline-in-use", "Pipeline in use",
                    "pipeline '" + pipeline.name + "' has " + deals + " deal(s); it stays as long as they do");
        }
        pipeline.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Pipeline> find(UUID id) {
        return Pipeline.findByIdOptional(id);
    }

    /** The default pipeline first, then by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Pipeline> list(UUID orgUnitId, PageParams page) {
        String where = orgUnitId == null ? "1 = 1" : "orgUnitId = :team";
        Parameters params = orgUnitId == null ? new Parameters() : Parameters.with("team", orgUnitId);
        var query = Pipeline.<Pipeline>find(where, Sort.descending("builtIn").and("name").and("id"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /**
     * The pipeline a new deal of {@code ownerId} runs through when none is named: the pipeline of the owner's
     * current team, else of the nearest unit above it that has one (a department's pipeline serves its teams), else
     * the default funnel. Owners the org read model does not know get the default funnel.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UUID pipelineForOwner(String ownerId) {
        Optional<UUID> unit = orgDirectory.orgUnitOf(ownerId);
        if (unit.isEmpty()) {
            return Pipeline.DEFAULT_ID;
        }
        @SuppressWarnings("unchecked")
        List<UUID> nearest = Pipeline.getEntityManager().createNativeQuery("""
                        with recursive chain(id, depth) as (
                            select cast(:unit as uuid), 0
                            union all
                            select u.parent_id, c.depth + 1 from org_directory_unit u join chain c on u.id = c.id
                            where u.parent_id is not null and c.depth < :maxDepth
                        )
                        select p.id from pipeline p join chain c on p.org_unit_id = c.id order by c.depth limit 1""")
                .setParameter("unit", unit.get())
                .setParameter("maxDepth", MAX_ORG_DEPTH)
                .getResultList();
        return nearest.isEmpty() ? Pipeline.DEFAULT_ID : nearest.getFirst();
    }

    /** The stages of a deal's pipeline; the default funnel without a query. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PipelineLayout layoutOf(UUID pipelineId) {
        if (Pipeline.DEFAULT_ID.equals(pipelineId)) {
            return PipelineLayout.DEFAULT;
        }
        return Pipeline.<Pipeline>findByIdOptional(pipelineId).map(Pipeline::layout)
                .orElseThrow(() -> new IllegalStateException("deal refers to missing pipeline " + pipelineId));
    }

    /**
     * The stages of a pipeline a deal is being created on or moved in, share-locking the pipeline until the change
     * commits so that an admin's concurrent change cannot drop the stage the deal lands in. The default pipeline
     * never changes, so it takes no lock.
     */
    Optional<PipelineLayout> layoutForDealChange(UUID pipelineId) {
        if (Pipeline.DEFAULT_ID.equals(pipelineId)) {
            return Optional.of(PipelineLayout.DEFAULT);
        }
        return Pipeline.<Pipeline>findByIdOptional(pipelineId, LockModeType.PESSIMISTIC_READ).map(Pipeline::layout);
    }

    private static PipelineLayout checkedLayout(List<StageSpec> stages) {
        List<PipelineLayout.Draft> drafts = stages == null ? List.of() : stages.stream()
                .map(spec -> spec == null ? null : new PipelineLayout.Draft(spec.name(), spec.probability(), spec.kind(), spec.funnelStage()))
                .toList();
        return switch (PipelineLayout.check(drafts)) {
            case PipelineLayout.Valid valid -> valid.layout();
            case PipelineLayout.Invalid invalid -> {
                List<Problem.FieldError> errors = invalid.violations().stream()
                        .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
                throw new ProblemException(400, "invalid-request", "Invalid request",
                        errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
            }
        };
    }

    private static void refuseBuiltIn(Pipeline pipeline) {
        if (pipeline.builtIn) {
            throw ProblemException.conflict("built-in-pipeline", "Built-in pipeline",
                    "the default pipeline is the funnel every other service understands; it cannot be changed or "
                            + "deleted. Create a pipeline for the team instead");
        }
    }

    private static void checkUnique(String name, UUID orgUnitId, UUID self) {
        UUID other = self == null ? new UUID(0, 0) : self;
        if (Pipeline.count("lower(name) = ?1 and id <> ?2", name.toLowerCase(Locale.ROOT), other) > 0) {
            throw duplicateName(name);
        }
        if (orgUnitId != null && Pipeline.count("orgUnitId = ?1 and id <> ?2", orgUnitId, other) > 0) {
            throw teamTaken(orgUnitId);
        }
    }

    /** Every stage a deal is in stays, with its kind and funnel stage, or those deals would lose their place. */
    private static void checkStagesInUse(Pipeline pipeline, PipelineLayout layout) {
        List<Object[]> used = Deal.getEntityManager()
                .createQuery("select distinct d.pipelineStage, d.stage from Deal d where d.pipelineId = :id", Object[].class)
                .setParameter("id", pipeline.id).getResultList();
        List<String> missing = new ArrayList<>();
        for (Object[] row : used) {
            String name = (String) row[0];
            Stage funnel = (Stage) row[1];
            Optional<PipelineStage> kept = layout.stage(name);
            if (kept.isEmpty() || kept.get().funnelStage != funnel) {
                missing.add(name + " (" + funnel + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("pipeline-stage-in-use", "Pipeline stage in use",
                    "deals are in stage(s) " + String.join(", ", missing) + "; keep them with the same kind and funnel "
                            + "stage until no deal is in them");
        }
    }

    /** The checks above cannot see a concurrent insert; the unique indexes do. */
    private static void flushGuardingUniqueness(Pipeline pipeline, boolean isNew) {
        try {
            if (isNew) {
                pipeline.persistAndFlush();
            } else {
                Pipeline.flush();
            }
        } catch (PersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                    if (violation.getConstraintName().contains(NAME_CONSTRAINT)) {
                        throw duplicateName(pipeline.name);
                    }
                    if (violation.getConstraintName().contains(TEAM_CONSTRAINT)) {
                        throw teamTaken(pipeline.orgUnitId);
                    }
                }
            }
            throw e;
        }
    }

    private static ProblemException duplicateName(String name) {
        return ProblemException.conflict("duplicate-pipeline-name", "Duplicate pipeline name",
                "another pipeline is already called '" + name + "' (names are compared in any case)");
    }

    private static ProblemException teamTaken(UUID orgUnitId) {
        return ProblemException.conflict("team-has-pipeline", "Team has a pipeline",
                "org unit " + orgUnitId + " already has a pipeline; change that one or unassign it first");
    }
}
