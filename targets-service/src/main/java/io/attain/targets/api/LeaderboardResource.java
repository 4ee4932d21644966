package io.attain.targets.api;

import io.attain.support.api.PageParams;
import io.attain.support.security.Roles;
import io.attain.targets.api.AttainmentDtos.LeaderboardView;
import io.attain.targets.domain.Metric;
import io.attain.targets.service.AttainmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.util.UUID;

/** 业绩排名: the reps of an org unit's subtree ranked by attainment. */
@Path("/api/targets/leaderboards")
public class LeaderboardResource {

    @Inject
    AttainmentService attainmentService;

    /**
     * Reps of {@code orgUnitId}'s subtree ranked by attainment of their own published target for
     * {@code metric} over exactly {@code periodStart..periodEnd}, then by actual; members without such a
     * target follow, by actual. A rep may read only their own team's board, without the others' figures.
     *
     * @param currency for money metrics: the currency counted (default: that of the members' targets)
     * @param asOf     the day to report on (default today in the business time zone)
     */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public LeaderboardView leaderboard(@QueryParam("orgUnitId") @NotNull UUID orgUnitId,
                                       @QueryParam("metric") @NotNull Metric metric,
                                       @QueryParam("periodStart") @NotNull LocalDate periodStart,
                                       @QueryParam("periodEnd") @NotNull LocalDate periodEnd,
                                       @QueryParam("currency") @Size(min = 3, max = 3) String currency,
                                       @QueryParam("asOf") LocalDate asOf,
                                       @Valid @BeanParam PageParams page) {
        return attainmentService.leaderboard(orgUnitId, metric, periodStart, periodEnd, currency, asOf, page);
    }
}
