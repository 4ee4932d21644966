package io.attain.pipeline.api;

import io.attain.pipeline.api.DealDtos.CreateDeal;
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
import jakarta.ws.rs.POST;
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
        Deal deal = dealService.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(deal.id.toString()).build())
                .entity(DealView.of(deal)).build();
    }

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<DealView> list(@QueryParam("ownerId") String ownerId, @QueryParam("stage") Stage stage,
                               @Valid @BeanParam PageParams page) {
        return dealService.list(ownerId, stage, page).map(DealView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public DealView get(@PathParam("id") UUID id) {
        return dealService.findInScope(id).map(DealView::of).orElseThrow(() -> ProblemException.notFound("deal", id));
    }

    @POST
    @Path("/{id}/stage")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public DealView moveStage(@PathParam("id") UUID id, @Valid @NotNull MoveStage request) {
        return DealView.of(dealService.moveStage(id, request.stage()));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public List<TransitionView> history(@PathParam("id") UUID id) {
        return dealService.history(id).stream().map(TransitionView::of).toList();
    }
}
