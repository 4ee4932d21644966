package io.attain.incentive.api;

import io.attain.incentive.api.QuotaDtos.MemberQuotasView;
import io.attain.incentive.service.QuotaService;
import io.attain.support.api.PageParams;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/incentives/members/{memberId}/quotas")
public class QuotaResource {

    @Inject
    QuotaService quotaService;

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public MemberQuotasView list(@PathParam("memberId") String memberId, @Valid @BeanParam PageParams page) {
        return MemberQuotasView.of(memberId, quotaService.quotas(memberId, page));
    }
}
