package io.attain.targets.api;

import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import io.attain.targets.api.MemberDtos.CreateMember;
import io.attain.targets.api.MemberDtos.MemberView;
import io.attain.targets.domain.Member;
import io.attain.targets.service.OrgService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/targets/members")
public class MemberResource {

    @Inject
    OrgService orgService;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull CreateMember request, @Context UriInfo uri) {
        Member member = orgService.createMember(request);
        return Response.created(uri.getAbsolutePathBuilder().path(member.memberId).build())
                .entity(MemberView.of(member)).build();
    }

    @GET
    @Path("/{memberId}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public MemberView get(@PathParam("memberId") String memberId) {
        return orgService.findMember(memberId).map(MemberView::of)
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
    }
}
