package io.attain.pipeline.alerts;

import io.attain.pipeline.analytics.AnalyticsParams;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Alerts (预警) about the deals and accounts the caller may see. */
@Path("/api/pipeline/alerts")
public class AlertResource {

    @Inject
    AlertService alerts;

    /**
     * {@code ?owner=} a member, {@code ?team=} an org unit (with the units below it), {@code ?type=} STALE_DEAL,
     * PAST_CLOSE_DATE or ACCOUNT_NO_CONTACT; paged.
     */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<Alert> list(@QueryParam("owner") String owner, @QueryParam("team") String team,
                            @QueryParam("type") String type, @Valid @BeanParam PageParams page) {
        return alerts.list(AnalyticsParams.text(owner), AnalyticsParams.uuid("team", team),
                AnalyticsParams.enumValue("type", AlertType.class, type, null), page);
    }
}
