package io.attain.pipeline.api;

import io.attain.pipeline.api.AccountDtos.ContactView;
import io.attain.pipeline.api.AccountDtos.SaveContact;
import io.attain.pipeline.domain.Contact;
import io.attain.pipeline.service.ContactService;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** A contact by id; contacts are created and listed under their account in {@link AccountResource}. */
@Path("/api/pipeline/contacts")
public class ContactResource {

    @Inject
    ContactService contactService;

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Contact contact = contactService.findInScope(id).orElseThrow(() -> ProblemException.notFound("contact", id));
        return AccountResource.withTag(ContactView.of(contact), contact.version);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response update(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch,
                           @Valid @NotNull SaveContact request) {
        Contact contact = contactService.update(id, EntityTag.expectedVersion(ifMatch), request);
        return AccountResource.withTag(ContactView.of(contact), contact.version);
    }
}
