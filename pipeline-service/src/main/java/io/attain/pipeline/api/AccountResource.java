package io.attain.pipeline.api;

import io.attain.pipeline.api.AccountDtos.AccountView;
import io.attain.pipeline.api.AccountDtos.ContactView;
import io.attain.pipeline.api.AccountDtos.SaveAccount;
import io.attain.pipeline.api.AccountDtos.SaveContact;
import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Contact;
import io.attain.pipeline.service.AccountService;
import io.attain.pipeline.service.AccountSort;
import io.attain.pipeline.service.ContactService;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
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

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/api/pipeline/accounts")
public class AccountResource {

    @Inject
    AccountService accountService;

    @Inject
    ContactService contactService;

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response create(@Valid @NotNull SaveAccount request, @Context UriInfo uri) {
        Account account = accountService.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(account.id.toString()).build())
                .header("ETag", EntityTag.of(account.version))
                .entity(AccountView.of(account)).build();
    }

    /** {@code ?q=} part of the name in any case; {@code ?sort=} name, -name, createdAt or -createdAt (default). */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<AccountView> list(@QueryParam("q") String text, @QueryParam("ownerId") String ownerId,
                                  @QueryParam("region") String region, @QueryParam("tier") String tier,
                                  @QueryParam("segment") String segment, @QueryParam("sort") String sort,
                                  @Valid @BeanParam PageParams page) {
        return accountService.list(text, ownerId, region, enumValue("tier", Account.Tier.class, tier),
                enumValue("segment", Account.Segment.class, segment), AccountSort.parse(sort), page)
                .map(AccountView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Account account = accountService.findInScope(id).orElseThrow(() -> ProblemException.notFound("account", id));
        return withTag(AccountView.of(account), account.version);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response update(@PathParam("id") UUID id, @HeaderParam(EntityTag.IF_MATCH) String ifMatch,
                           @Valid @NotNull SaveAccount request) {
        Account account = accountService.update(id, EntityTag.expectedVersion(ifMatch), request);
        return withTag(AccountView.of(account), account.version);
    }

    @POST
    @Path("/{id}/contacts")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public Response createContact(@PathParam("id") UUID accountId, @Valid @NotNull SaveContact request,
                                  @Context UriInfo uri) {
        Contact contact = contactService.create(accountId, request);
        return Response.created(uri.getBaseUriBuilder().path(ContactResource.class).path(contact.id.toString()).build())
                .header("ETag", EntityTag.of(contact.version)).entity(ContactView.of(contact)).build();
    }

    @GET
    @Path("/{id}/contacts")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<ContactView> contacts(@PathParam("id") UUID accountId, @Valid @BeanParam PageParams page) {
        return contactService.listOf(accountId, page).map(ContactView::of);
    }

    static Response withTag(Object view, long version) {
        return Response.ok(view).header("ETag", EntityTag.of(version)).build();
    }

    /** Enum query parameters parsed here so that a bad value is a 400 naming the parameter, not a 404. */
    private static <E extends Enum<E>> E enumValue(String parameter, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
