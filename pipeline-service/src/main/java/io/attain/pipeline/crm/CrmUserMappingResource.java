package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.SaveUserMapping;
import io.attain.pipeline.crm.CrmDtos.UserMappingView;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins say which Attain (Keycloak) user each CRM user is, by the CRM's user id or e-mail address. */
@Path("/api/pipeline/crm/user-mappings")
@Tag(name = "CRM ingestion")
@RolesAllowed(Roles.ADMIN)
public class CrmUserMappingResource {

    @Inject
    CrmUserMappingService mappings;

    @PUT
    @Path("/{crmSystem}/{crmUser}")
    @Operation(summary = "Map a CRM user (id or e-mail) to an Attain user id",
            description = "Creates (201) or replaces (200) the mapping. E-mail addresses match in any case.")
    public Response put(@PathParam("crmSystem") String crmSystem, @PathParam("crmUser") String crmUser,
                        @Valid @NotNull SaveUserMapping request) {
        boolean created = mappings.put(crmSystem, crmUser, request);
        CrmUserMapping mapping = mappings.find(crmSystem, crmUser).orElseThrow();
        return Response.status(created ? 201 : 200).entity(UserMappingView.of(mapping)).build();
    }

    @GET
    @Path("/{crmSystem}/{crmUser}")
    public UserMappingView get(@PathParam("crmSystem") String crmSystem, @PathParam("crmUser") String crmUser) {
        return mappings.find(crmSystem, crmUser).map(UserMappingView::of)
                .orElseThrow(() -> ProblemException.notFound("CRM user mapping", crmSystem + "/" + crmUser));
    }

    @GET
    public Page<UserMappingView> list(@QueryParam("crmSystem") String crmSystem, @QueryParam("userId") String userId,
                                      @Valid @BeanParam PageParams page) {
        return mappings.list(crmSystem, userId, page).map(UserMappingView::of);
    }

    @DELETE
    @Path("/{crmSystem}/{crmUser}")
    public Response delete(@PathParam("crmSystem") String crmSystem, @PathParam("crmUser") String crmUser) {
        mappings.delete(crmSystem, crmUser);
        return Response.noContent().build();
    }
}
