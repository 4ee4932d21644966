package io.attain.incentive.api;

import io.attain.incentive.api.PlanDtos.ExchangeRateRequest;
import io.attain.incentive.api.PlanDtos.ExchangeRateView;
import io.attain.incentive.api.PlanDtos.ExchangeRatesView;
import io.attain.incentive.domain.ExchangeRateEntry;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Effective-dated exchange rates the engine converts deal amounts into plan currencies with. */
@Path("/api/incentives/exchange-rates")
public class ExchangeRateResource {

    @Inject
    PlanService planService;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE})
    public Response add(@Valid @NotNull ExchangeRateRequest request) {
        ExchangeRateEntry entry = planService.addExchangeRate(request.from(), request.to(), request.effectiveFrom(), request.rate());
        return Response.created(uri.getAbsolutePathBuilder().path(entry.id.toString()).build())
                .entity(ExchangeRateView.of(entry)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE, Roles.MANAGER})
    public ExchangeRatesView list(@Valid @BeanParam PageParams page) {
        return ExchangeRatesView.of(planService.exchangeRateList(page));
    }
}
