package io.attain.pipeline.api;

import io.attain.pipeline.api.DealDtos.CreateDeal;
import io.attain.pipeline.api.DealDtos.SaveDeal;
import io.attain.pipeline.api.DealDtos.DealView;
import io.attain.pipeline.api.DealDtos.MoveStage;
import io.attain.pipeline.api.DealDtos.TransitionView;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.service.DealService;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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

import java.util.List;
import java.util.UUID;

@Path("/api/pipeline/deals")
public class DealResource {

    @Inject
    DealService dealService;

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response create(@Valid @NotNull CreateDeal request, @Context UriInfo uri) {
        Deal deal = dealService.create(request.terms(), request.pipelineId());
        return Response.created(uri.getAbsolutePathBuilder().path(deal.id.toString()).build())
                .header("ETag", EntityTag.of(deal.version)).entity(view(deal)).build();
    }

    /** {@code ?stage=} a funnel stage; {@code ?pipelineId=} the deals of one pipeline. */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<DealView> list(@QueryParam("ownerId") String ownerId, @QueryParam("stage") String stage,
                               @QueryParam("pipelineId") String pipelineId, @Valid @BeanParam PageParams page) {
        return dealService.list(ownerId, QueryParams.enumValue("stage", Stage.class, stage),
                QueryParams.uuid("pipelineId", pipelineId), page).map(this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Deal deal = dealService.findInScope(id).orElseThrow(() -> ProblemException.notFound("deal", id));
        return AccountResource.withTag(view(deal), deal.version);
    }

    /**
     * Replaces the commercial terms (not the stage: see {@code /stage}). Needs {@code If-Match} with the ETag of
     * the version changed; a change publishes one {@code deal.updated} event, no change publishes nothing.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response update(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch,
                           @Valid @NotNull SaveDeal request) {
        Deal deal = dealService.update(id, EntityTag.expectedVersion(ifMatch), request);
        return AccountResource.withTag(view(deal), deal.version);
    }

    @POST
    @Path("/{id}/stage")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response moveStage(@PathParam("id") UUID id, @Valid @NotNull MoveStage request) {
        Deal deal = dealService.moveStage(id, request.stage());
        return AccountResource.withTag(view(deal), deal.version);
    }

    private DealView view(Deal deal) {
        return DealView.of(deal, dealService.allowedNextStages(deal));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public List<TransitionView> history(@PathParam("id") UUID id) {
        return dealService.history(id).stream().map(TransitionView::of).toList();
    }
}
