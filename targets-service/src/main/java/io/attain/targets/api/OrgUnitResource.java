package io.attain.targets.api;

import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import io.attain.targets.api.OrgUnitDtos.ChangeManager;
import io.attain.targets.api.OrgUnitDtos.CreateOrgUnit;
import io.attain.targets.api.OrgUnitDtos.MoveOrgUnit;
import io.attain.targets.api.OrgUnitDtos.OrgUnitView;
import io.attain.targets.domain.OrgUnit;
import io.attain.targets.service.OrgService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.UUID;

@Path("/api/targets/org-units")
public class OrgUnitResource {

    @Inject
    OrgService orgService;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull CreateOrgUnit request, @Context UriInfo uri) {
        OrgUnit unit = orgService.createUnit(request);
        return Response.created(uri.getAbsolutePathBuilder().path(unit.id.toString()).build())
                .entity(OrgUnitView.of(unit)).build();
    }

    /** Re-parents the unit and its subtree; a parent inside the subtree is a cycle (422 org-cycle). */
    @POST
    @Path("/{id}/move")
    @RolesAllowed(Roles.ADMIN)
    public OrgUnitView move(@PathParam("id") UUID id, @Valid @NotNull MoveOrgUnit request) {
        return OrgUnitView.of(orgService.moveUnit(id, request));
    }

    /** Hands the unit to another manager, who then manages its subtree and approves adjustments below it. */
    @POST
    @Path("/{id}/manager")
    @RolesAllowed(Roles.ADMIN)
    public OrgUnitView changeManager(@PathParam("id") UUID id, @Valid @NotNull ChangeManager request) {
        return OrgUnitView.of(orgService.changeManager(id, request.managerId()));
    }

    @POST
    @Path("/{id}/deactivate")
    @RolesAllowed(Roles.ADMIN)
    public OrgUnitView deactivate(@PathParam("id") UUID id) {
        return OrgUnitView.of(orgService.deactivateUnit(id));
    }

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<OrgUnitView> list(@Valid @BeanParam PageParams page) {
        return orgService.listUnits(page).map(OrgUnitView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public OrgUnitView get(@PathParam("id") UUID id) {
        return orgService.findUnit(id).map(OrgUnitView::of).orElseThrow(() -> ProblemException.notFound("org unit", id));
    }
}
