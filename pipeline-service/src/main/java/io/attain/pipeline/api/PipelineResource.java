package io.attain.pipeline.api;

import io.attain.pipeline.api.PipelineDtos.PipelineView;
import io.attain.pipeline.api.PipelineDtos.SavePipeline;
import io.attain.pipeline.domain.Pipeline;
import io.attain.pipeline.service.PipelineService;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Pipelines per team: admins keep them, everyone who works on deals reads them. */
@Path("/api/pipeline/pipelines")
public class PipelineResource {

    @Inject
    PipelineService pipelineService;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull SavePipeline request, @Context UriInfo uri) {
        Pipeline pipeline = pipelineService.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(pipeline.id.toString()).build())
                .header("ETag", EntityTag.of(pipeline.version)).entity(PipelineView.of(pipeline)).build();
    }

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<PipelineView> list(@QueryParam("orgUnitId") String orgUnitId, @Valid @BeanParam PageParams page) {
        return pipelineService.list(QueryParams.uuid("orgUnitId", orgUnitId), page).map(PipelineView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Pipeline pipeline = pipelineService.find(id).orElseThrow(() -> ProblemException.notFound("pipeline", id));
        return AccountResource.withTag(PipelineView.of(pipeline), pipeline.version);
    }

    /** Replaces name, team and stages; needs {@code If-Match}. Stages that deals are in must stay. */
    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response update(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch,
                           @Valid @NotNull SavePipeline request) {
        Pipeline pipeline = pipelineService.update(id, EntityTag.expectedVersion(ifMatch), request);
        return AccountResource.withTag(PipelineView.of(pipeline), pipeline.version);
    }

    /** Deletes a pipeline no deal was created on; {@code If-Match} is honoured when sent. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch) {
        pipelineService.delete(id, EntityTag.expectedVersionIfSent(ifMatch));
        return Response.noContent().build();
    }
}
