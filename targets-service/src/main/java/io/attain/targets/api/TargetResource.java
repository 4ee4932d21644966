package io.attain.targets.api;

import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import io.attain.targets.api.AdjustmentDtos.AdjustTarget;
import io.attain.targets.api.AdjustmentDtos.AdjustmentHistoryView;
import io.attain.targets.api.AdjustmentDtos.AdjustmentView;
import io.attain.targets.api.AdjustmentDtos.Decision;
import io.attain.targets.api.CheckDtos.CheckRequest;
import io.attain.targets.api.CheckDtos.TargetCheckView;
import io.attain.targets.api.TargetDtos.CreateTarget;
import io.attain.targets.api.TargetDtos.TargetView;
import io.attain.targets.domain.Target;
import io.attain.targets.domain.TargetAdjustment;
import io.attain.targets.service.AdjustmentService;
import io.attain.targets.service.CheckService;
import io.attain.targets.service.TargetService;
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

import java.util.UUID;

@Path("/api/targets/targets")
public class TargetResource {

    @Inject
    TargetService targetService;

    @Inject
    AdjustmentService adjustmentService;

    @Inject
    CheckService checkService;

    @POST
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public Response create(@Valid @NotNull CreateTarget request, @Context UriInfo uri) {
        Target target = targetService.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(target.id.toString()).build())
                .entity(TargetView.of(target)).build();
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public TargetView publish(@PathParam("id") UUID id) {
        return TargetView.of(targetService.publish(id));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public TargetView get(@PathParam("id") UUID id) {
        return targetService.find(id).map(TargetView::of).orElseThrow(() -> ProblemException.notFound("target", id));
    }

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<TargetView> list(@QueryParam("memberId") String memberId, @QueryParam("orgUnitId") UUID orgUnitId,
                                 @QueryParam("planId") UUID planId, @Valid @BeanParam PageParams page) {
        return targetService.list(memberId, orgUnitId, planId, page).map(TargetView::of);
    }

    /**
     * Adjusts a published target (201 either way): APPLIED at once within the approval threshold, otherwise
     * PENDING until a higher manager approves or rejects it.
     */
    @POST
    @Path("/{id}/adjustments")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public Response adjust(@PathParam("id") UUID id, @Valid @NotNull AdjustTarget request, @Context UriInfo uri) {
        TargetAdjustment adjustment = adjustmentService.request(id, request);
        return Response.created(uri.getAbsolutePathBuilder().path(adjustment.id.toString()).build())
                .entity(AdjustmentView.of(adjustment)).build();
    }

    @POST
    @Path("/{id}/adjustments/{adjustmentId}/approve")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public AdjustmentView approve(@PathParam("id") UUID id, @PathParam("adjustmentId") UUID adjustmentId,
                                  @Valid Decision decision) {
        return AdjustmentView.of(adjustmentService.approve(id, adjustmentId, decision == null ? null : decision.note()));
    }

    @POST
    @Path("/{id}/adjustments/{adjustmentId}/reject")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public AdjustmentView reject(@PathParam("id") UUID id, @PathParam("adjustmentId") UUID adjustmentId,
                                 @Valid Decision decision) {
        return AdjustmentView.of(adjustmentService.reject(id, adjustmentId, decision == null ? null : decision.note()));
    }

    /** The target's history: every adjustment requested, with who, when, why, old and new value and its fate. */
    @GET
    @Path("/{id}/adjustments")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public AdjustmentHistoryView history(@PathParam("id") UUID id) {
        return adjustmentService.history(id)
                .map(h -> new AdjustmentHistoryView(id, h.target().version,
                        h.adjustments().stream().map(AdjustmentView::of).toList()))
                .orElseThrow(() -> ProblemException.notFound("target", id));
    }

    /** SMART and stretch checks of one target; history from the body, or the plan's for a plan's total. */
    @POST
    @Path("/{id}/checks")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public TargetCheckView check(@PathParam("id") UUID id, @Valid CheckRequest request) {
        return checkService.checkTarget(id, request);
    }
}
