package io.attain.incentive.api;

import io.attain.incentive.api.PeriodDtos.CreatePeriod;
import io.attain.incentive.api.PeriodDtos.PeriodView;
import io.attain.incentive.api.PeriodDtos.PeriodsView;
import io.attain.incentive.domain.Period;
import io.attain.incentive.domain.PeriodStatus;
import io.attain.incentive.service.PeriodService;
import io.attain.support.api.PageParams;
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

import java.util.UUID;

/** Commission periods: created and calculated by finance or admins, closed by finance; everyone may read them. */
@Path("/api/incentives/periods")
public class PeriodResource {

    @Inject
    PeriodService periodService;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Response create(@Valid @NotNull CreatePeriod request) {
        Period period = periodService.create(request.name(), request.start(), request.end(), request.currency());
        return Response.created(uri.getAbsolutePathBuilder().path(period.id.toString()).build())
                .entity(PeriodView.of(period, null)).build();
    }

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public PeriodsView list(@QueryParam("status") PeriodStatus status, @Valid @BeanParam PageParams page) {
        return PeriodsView.of(periodService.periods(status, page).map(this::view));
    }

    @GET
    @Path("{periodId}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public PeriodView get(@PathParam("periodId") UUID periodId) {
        return view(periodService.period(periodId));
    }

    /** Recalculates every assigned member's statement; OPEN or CALCULATED → CALCULATED; 409 when closed. */
    @POST
    @Path("{periodId}/calculate")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public PeriodView calculate(@PathParam("periodId") UUID periodId) {
        return view(periodService.calculate(periodId));
    }

    /** Locks a CALCULATED period; 409 when already closed, not calculated, or an earlier period is open. */
    @POST
    @Path("{periodId}/close")
    @RolesAllowed(Roles.FINANCE)
    public PeriodView close(@PathParam("periodId") UUID periodId) {
        return view(periodService.close(periodId));
    }

    private PeriodView view(Period period) {
        return PeriodView.of(period, periodService.run(period.currentRunId).orElse(null));
    }
}
