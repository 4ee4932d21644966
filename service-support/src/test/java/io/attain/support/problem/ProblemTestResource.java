package io.attain.support.problem;

import io.attain.events.Money;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Endpoints that fail the ways a service's endpoints fail, to see what the client gets. */
@Path("/test/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemTestResource {

    public record ThingRequest(
            @NotBlank(message = "must not be blank") String name,
            @NotNull(message = "is required") @Positive(message = "must be greater than zero") Integer quantity,
            Money price) {
    }

    @POST
    @Path("things")
    @Consumes(MediaType.APPLICATION_JSON)
    public ThingRequest create(@NotNull(message = "a request body is required") @Valid ThingRequest request) {
        return request;
    }

    @GET
    @Path("things")
    public Page<String> list(@Valid @BeanParam PageParams page) {
        return new Page<>(List.of(), page.page, page.size, 0);
    }

    @GET
    @Path("things/{id}")
    public ThingRequest find(@PathParam("id") String id) {
        throw ProblemException.notFound("thing", id);
    }

    @POST
    @Path("things/{id}/lock")
    public ThingRequest lock(@PathParam("id") String id) {
        throw ProblemException.conflict("thing-locked", "Thing locked", "thing " + id + " is locked by another change");
    }

    @GET
    @Path("stale")
    public String stale() {
        throw new OptimisticLockException("Row was updated or deleted by another transaction");
    }

    @GET
    @Path("currencies")
    public Money currencies() {
        return Money.of("1.00", "CNY").plus(Money.of("1.00", "USD"));
    }

    @GET
    @Path("anonymous")
    public String anonymous() {
        throw new UnauthorizedException("no credentials in request to /test/problems/anonymous");
    }

    @GET
    @Path("forbidden")
    public String forbidden() {
        throw new ForbiddenException("caller rep-1 lacks role admin");
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("connection to db-internal-7.attain.local:5432 refused (password rejected)");
    }
}
