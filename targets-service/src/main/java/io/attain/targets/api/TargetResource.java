package io.attain.targets.api;

import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import io.attain.targets.api.TargetDtos.CreateTarget;
import io.attain.targets.api.TargetDtos.TargetView;
import io.attain.targets.domain.Target;
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
                                 @Valid @BeanParam PageParams page) {
        return targetService.list(memberId, orgUnitId, page).map(TargetView::of);
    }
}
