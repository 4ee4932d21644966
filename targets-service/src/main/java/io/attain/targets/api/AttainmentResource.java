package io.attain.targets.api;

import io.attain.support.security.Roles;
import io.attain.targets.api.AttainmentDtos.AttainmentView;
import io.attain.targets.service.AttainmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.util.UUID;

/**
 * 达成率 / 进度监控 of one target: actual, attainment %, gap, expected-to-date, pace and milestones. Its own
 * class with the full path, because JAX-RS picks the resource class by its path before the method and
 * {@link TargetResource} would otherwise claim {@code /targets/{id}/…}.
 */
@Path("/api/targets/targets/{id}/attainment")
public class AttainmentResource {

    @Inject
    AttainmentService attainmentService;

    /** @param asOf the day to report on (default today in the business time zone) */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public AttainmentView attainment(@PathParam("id") UUID id, @QueryParam("asOf") LocalDate asOf) {
        return attainmentService.attainment(id, asOf);
    }
}
