package io.attain.incentive.api;

import io.attain.incentive.api.CreditDtos.MemberCreditsView;
import io.attain.incentive.service.CreditService;
import io.attain.support.api.PageParams;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/incentives/members/{memberId}/credits")
public class CreditResource {

    @Inject
    CreditService creditService;

    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public MemberCreditsView list(@PathParam("memberId") String memberId, @Valid @BeanParam PageParams page) {
        return MemberCreditsView.of(creditService.credits(memberId, page));
    }
}
