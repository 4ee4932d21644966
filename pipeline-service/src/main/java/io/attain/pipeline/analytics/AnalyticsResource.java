package io.attain.pipeline.analytics;

import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * Funnel analytics over the deals the caller may see (a rep their own, a manager their org subtree, finance and
 * admin all), filtered by {@link AnalyticsParams}. Money is reported per currency, never summed across currencies.
 */
@Path("/api/pipeline/analytics")
@RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
public class AnalyticsResource {

    @Inject
    AnalyticsService analytics;

    public record FunnelView(List<StageFunnel.StageTotal> stages) {
    }

    /** Deals per stage now: count, amount and weighted amount (amount × probability) per currency. */
    @GET
    @Path("/funnel")
    public FunnelView funnel(@BeanParam AnalyticsParams params) {
        return new FunnelView(analytics.funnel(analytics.filter(params)));
    }

    /** Stage-to-stage conversion, win rate, cycle time, days in stage and the bottleneck stage. */
    @GET
    @Path("/conversion")
    public FunnelPerformance.Report conversion(@BeanParam AnalyticsParams params) {
        return analytics.performance(analytics.filter(params));
    }

    /** Weighted forecast by forecast category, per currency. */
    @GET
    @Path("/forecast")
    public WeightedForecast.Report forecast(@BeanParam AnalyticsParams params) {
        return analytics.forecast(analytics.filter(params));
    }

    /** Open pipeline ÷ the remaining target {@code ?target=3000000.00&currency=CNY}. */
    @GET
    @Path("/coverage")
    public PipelineCoverage.Report coverage(@QueryParam("target") String target, @QueryParam("currency") String currency,
                                            @BeanParam AnalyticsParams params) {
        var remaining = AnalyticsService.remainingTarget(target, currency);
        return analytics.coverage(analytics.filter(params), remaining);
    }
}
