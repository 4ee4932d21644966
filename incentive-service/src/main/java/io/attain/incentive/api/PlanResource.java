package io.attain.incentive.api;

import io.attain.incentive.api.PlanDtos.AssignmentRequest;
import io.attain.incentive.api.PlanDtos.AssignmentView;
import io.attain.incentive.api.PlanDtos.AssignmentsView;
import io.attain.incentive.api.PlanDtos.CreatePlan;
import io.attain.incentive.api.PlanDtos.PlanView;
import io.attain.incentive.api.PlanDtos.PlansView;
import io.attain.incentive.api.PlanDtos.VersionRequest;
import io.attain.incentive.api.PlanDtos.VersionView;
import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.PlanVersionEntity;
import io.attain.incentive.service.PlanService;
import io.attain.support.api.PageParams;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Commission plans, their effective-dated versions and their assignments to members. Admins write; finance and managers read. */
@Path("/api/incentives/plans")
public class PlanResource {

    @Inject
    PlanService planService;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull CreatePlan request) {
        PlanService.PlanWithVersions plan = planService.createPlan(request.name(), request.currency(), request.effectiveFrom(),
                request.terms());
        return Response.created(uri.getAbsolutePathBuilder().path(plan.plan().id.toString()).build())
                .entity(PlanView.of(plan, planService::termsOf)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.MANAGER})
    public PlansView list(@Valid @BeanParam PageParams page) {
        return PlansView.of(planService.plans(page).map(plan -> PlanView.of(plan, planService::termsOf)));
    }

    @GET
    @Path("{planId}")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.MANAGER})
    public PlanView get(@PathParam("planId") UUID planId) {
        return PlanView.of(planService.plan(planId), planService::termsOf);
    }

    @POST
    @Path("{planId}/versions")
    @RolesAllowed(Roles.ADMIN)
    public Response addVersion(@PathParam("planId") UUID planId, @Valid @NotNull VersionRequest request) {
        PlanVersionEntity version = planService.addVersion(planId, request.effectiveFrom(), request.terms());
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(version.number)).build())
                .entity(PlanDtos.version(version, planService::termsOf)).build();
    }

    /** Replaces a version no calculation has used; 409 for a used one (add a new version instead). */
    @PUT
    @Path("{planId}/versions/{number}")
    @RolesAllowed(Roles.ADMIN)
    public VersionView replaceVersion(@PathParam("planId") UUID planId, @PathParam("number") int number,
                                      @Valid @NotNull VersionRequest request) {
        return PlanDtos.version(planService.replaceVersion(planId, number, request.effectiveFrom(), request.terms()),
                planService::termsOf);
    }

    @POST
    @Path("{planId}/assignments")
    @RolesAllowed(Roles.ADMIN)
    public Response assign(@PathParam("planId") UUID planId, @Valid @NotNull AssignmentRequest request) {
        PlanAssignment assignment = planService.assign(planId, request.memberId(), request.periodStart(), request.periodEnd());
        return Response.created(uri.getAbsolutePathBuilder().path(assignment.id.toString()).build())
                .entity(AssignmentView.of(assignment)).build();
    }

    @GET
    @Path("{planId}/assignments")
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.MANAGER})
    public AssignmentsView assignments(@PathParam("planId") UUID planId, @Valid @BeanParam PageParams page) {
        return AssignmentsView.of(planService.assignments(planId, page));
    }
}
