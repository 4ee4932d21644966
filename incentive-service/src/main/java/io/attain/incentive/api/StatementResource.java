package io.attain.incentive.api;

import io.attain.incentive.api.PeriodDtos.StatementView;
import io.attain.incentive.api.PeriodDtos.StatementsView;
import io.attain.incentive.service.StatementService;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.UUID;

/** Commission statements: a rep reads their own (others answer 404); managers, finance and admins anyone's. */
@Path("/api/incentives")
public class StatementResource {

    @Inject
    StatementService statementService;

    /** The statements of a period's current run, optionally of one member. */
    @GET
    @Path("statements")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public StatementsView list(@QueryParam("periodId") UUID periodId, @QueryParam("memberId") String memberId,
                               @Valid @BeanParam PageParams page) {
        if (periodId == null) {
            throw ProblemException.invalidField("periodId", "is required");
        }
        return StatementsView.of(statementService.statements(periodId, memberId, page));
    }

    @GET
    @Path("members/{memberId}/statements/{periodId}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public StatementView get(@PathParam("memberId") String memberId, @PathParam("periodId") UUID periodId) {
        return StatementView.of(statementService.statement(memberId, periodId));
    }
}
