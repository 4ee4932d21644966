package io.attain.targets.api;

import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import io.attain.targets.api.CheckDtos.CheckRequest;
import io.attain.targets.api.CheckDtos.PlanCheckView;
import io.attain.targets.api.PlanDtos.CreatePlan;
import io.attain.targets.api.PlanDtos.DecomposePlan;
import io.attain.targets.api.PlanDtos.PlanView;
import io.attain.targets.domain.Metric;
import io.attain.targets.domain.TargetPlan;
import io.attain.targets.service.CheckService;
import io.attain.targets.service.PlanService;
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

/**
 * Target plans: create (its total becomes a draft target), decompose into one draft target per node, publish
 * (every target at once), check. The plan's targets are read through {@code /api/targets/targets?planId=}.
 */
@Path("/api/targets/plans")
public class PlanResource {

    @Inject
    PlanService planService;

    @Inject
    CheckService checkService;

    @POST
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public Response create(@Valid @NotNull CreatePlan request, @Context UriInfo uri) {
        TargetPlan plan = planService.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(plan.id.toString()).build())
                .entity(view(plan)).build();
    }

    @POST
    @Path("/{id}/decomposition")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public PlanView decompose(@PathParam("id") UUID id, @Valid @NotNull DecomposePlan request) {
        return view(planService.decompose(id, request));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public PlanView publish(@PathParam("id") UUID id) {
        return view(planService.publish(id));
    }

    @POST
    @Path("/{id}/checks")
    @RolesAllowed({Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public PlanCheckView check(@PathParam("id") UUID id, @Valid CheckRequest request) {
        return checkService.checkPlan(id, request);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public PlanView get(@PathParam("id") UUID id) {
        return planService.find(id).map(this::view).orElseThrow(() -> ProblemException.notFound("plan", id));
    }

    @GET
    @RolesAllowed({Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<PlanView> list(@QueryParam("orgUnitId") UUID orgUnitId, @QueryParam("metric") Metric metric,
                               @Valid @BeanParam PageParams page) {
        return planService.list(orgUnitId, metric, page).map(this::view);
    }

    private PlanView view(TargetPlan plan) {
        return PlanView.of(plan, planService.targetCount(plan.id));
    }
}
