package io.attain.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI clients can switch on; {@code detail}
 * explains this occurrence to a human; {@code errors} lists field violations.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Base of every problem type URI; the page under it documents the type. */
    public static final String TYPE_BASE = "https://attain.io/problems/";

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** One rejected field: a JSON-pointer-like path into the request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
