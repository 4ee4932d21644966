package io.attain.pipeline.api;

import io.attain.pipeline.api.ActivityDtos.ActivityView;
import io.attain.pipeline.api.ActivityDtos.ChangeActivity;
import io.attain.pipeline.api.ActivityDtos.RecordActivity;
import io.attain.pipeline.domain.Activity;
import io.attain.pipeline.service.ActivityService;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

@Path("/api/pipeline/activities")
public class ActivityResource {

    @Inject
    ActivityService activityService;

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response record(@Valid @NotNull RecordActivity request, @Context UriInfo uri) {
        Activity activity = activityService.record(request);
        return Response.created(uri.getAbsolutePathBuilder().path(activity.id.toString()).build())
                .header("ETag", EntityTag.of(activity.version)).entity(ActivityView.of(activity)).build();
    }

    /**
     * Newest first. {@code ?from=} and {@code ?to=} bound {@code occurredAt}: an instant, or a day taken whole (UTC);
     * {@code from} inclusive, {@code to} exclusive for an instant.
     */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<ActivityView> list(@QueryParam("dealId") String dealId, @QueryParam("accountId") String accountId,
                                   @QueryParam("ownerId") String ownerId, @QueryParam("type") String type,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @Valid @BeanParam PageParams page) {
        return activityService.list(QueryParams.uuid("dealId", dealId), QueryParams.uuid("accountId", accountId),
                ownerId == null || ownerId.isBlank() ? null : ownerId.strip(),
                QueryParams.enumValue("type", Activity.Type.class, type),
                QueryParams.from("from", from), QueryParams.to("to", to), page).map(ActivityView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Activity activity = activityService.findInScope(id).orElseThrow(() -> ProblemException.notFound("activity", id));
        return AccountResource.withTag(ActivityView.of(activity), activity.version);
    }

    /** Corrects type, time and notes; needs {@code If-Match}. Whoever recorded it, their managers and admins. */
    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response change(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeActivity request) {
        Activity activity = activityService.change(id, EntityTag.expectedVersion(ifMatch), request);
        return AccountResource.withTag(ActivityView.of(activity), activity.version);
    }

    /** Deletes an activity recorded by mistake; {@code If-Match} is honoured when sent. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response delete(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch) {
        activityService.delete(id, EntityTag.expectedVersionIfSent(ifMatch));
        return Response.noContent().build();
    }
}
