package io.attain.targets.api;

import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import io.attain.targets.api.MemberDtos.CreateMember;
import io.attain.targets.api.MemberDtos.DeactivateMember;
import io.attain.targets.api.MemberDtos.MemberView;
import io.attain.targets.api.MemberDtos.MembershipHistoryView;
import io.attain.targets.api.MemberDtos.MembershipView;
import io.attain.targets.api.MemberDtos.MoveMember;
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

    @POST
    @Path("/{memberId}/moves")
    @RolesAllowed(Roles.ADMIN)
    public MemberView move(@PathParam("memberId") String memberId, @Valid @NotNull MoveMember request) {
        return MemberView.of(orgService.moveMember(memberId, request));
    }

    @POST
    @Path("/{memberId}/deactivate")
    @RolesAllowed(Roles.ADMIN)
    public MemberView deactivate(@PathParam("memberId") String memberId, @Valid DeactivateMember request) {
        return MemberView.of(orgService.deactivateMember(memberId, request));
    }

    @GET
    @Path("/{memberId}/memberships")
    @RolesAllowed({Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public MembershipHistoryView memberships(@PathParam("memberId") String memberId) {
        return orgService.history(memberId)
                .map(history -> new MembershipHistoryView(memberId, history.stream().map(MembershipView::of).toList()))
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
    }

    @GET
    @Path("/{memberId}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public MemberView get(@PathParam("memberId") String memberId) {
        return orgService.findMember(memberId).map(MemberView::of)
                .orElseThrow(() -> ProblemException.notFound("member", memberId));
    }
}
