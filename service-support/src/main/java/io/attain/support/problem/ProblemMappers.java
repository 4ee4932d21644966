package io.attain.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.attain.events.Money;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one translation of failures into {@code application/problem+json}. Client mistakes get a 4xx
 * with a precise detail; anything unexpected is logged here with its stack trace and answered with a
 * bare 500 that names no class and shows no trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(),
                path(uri), e.errors()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem(Problem.type("invalid-request"), "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = pointer(e);
        return respond(new Problem(Problem.type("invalid-request"), "Invalid request", 400,
                "unknown field '" + e.getPropertyName() + "'", path(uri),
                List.of(new Problem.FieldError(field, "is not a field of this request"))));
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        String field = pointer(e);
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return respond(new Problem(Problem.type("invalid-request"), "Invalid request", 400,
                field + ": '" + e.getValue() + "' is not a valid " + expected, path(uri),
                List.of(new Problem.FieldError(field, "expected " + expected))));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = pointer(e);
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        return respond(new Problem(Problem.type("invalid-request"), "Invalid request", 400,
                (field.isEmpty() ? "request body" : field) + " has the wrong type, expected " + expected,
                path(uri), field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, "expected " + expected))));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        // Thrown when a constructor refuses a value, e.g. Money with an unknown currency.
        String field = pointer(e);
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                ? cause.getMessage() : "cannot be read";
        return respond(new Problem(Problem.type("invalid-request"), "Invalid request", 400,
                (field.isEmpty() ? "request body" : field) + ": " + reason, path(uri),
                field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, reason))));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem(Problem.type("malformed-json"), "Malformed JSON", 400,
                "the request body is not valid JSON: " + e.getOriginalMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response currencyMismatch(Money.CurrencyMismatchException e, UriInfo uri) {
        return respond(new Problem(Problem.type("currency-mismatch"), "Currency mismatch", 422, e.getMessage(),
                path(uri), List.of()));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(new Problem(Problem.type("concurrent-modification"), "Concurrent modification", 409,
                "the object was changed by someone else; read it again and retry", path(uri), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                "a valid bearer token is required", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "your roles do not allow this operation", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps some Jackson failures (syntax errors, refused constructor values) in a 400.
        switch (e.getCause()) {
            case UnrecognizedPropertyException cause -> {
                return unknownField(cause, uri);
            }
            case InvalidFormatException cause -> {
                return wrongValue(cause, uri);
            }
            case MismatchedInputException cause -> {
                return mismatchedInput(cause, uri);
            }
            case JsonMappingException cause -> {
                return mapping(cause, uri);
            }
            case JsonProcessingException cause -> {
                return malformedJson(cause, uri);
            }
            case null, default -> {
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(new Problem(Problem.type("internal-error"), "Internal error", status,
                    "the request could not be completed", path(uri), List.of()));
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        String slug = title.toLowerCase().replace(' ', '-');
        return respond(new Problem(Problem.type(slug), title, status, detailOf(e, title), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return respond(new Problem(Problem.type("internal-error"), "Internal error", 500,
                "the request could not be completed; it has been logged", path(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String detailOf(WebApplicationException e, String title) {
        String message = e.getMessage();
        // Framework messages such as "HTTP 404 Not Found" add nothing to the title.
        return message == null || message.startsWith("HTTP ") ? title : message;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "create.request.amount" -> "amount": drop the method and parameter names
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
