package io.attain.gateway.problem;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail as the gateway emits it: {@code type, title, status, detail, instance}. Details are
 * written for API clients; they never carry exception text or internal addresses.
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_BASE = "https://attain.io/problems/";

    public static Problem routeNotFound(String path) {
        return new Problem(TYPE_BASE + "route-not-found", "Not Found", 404,
                "No API is served under this path.", path);
    }

    public static Problem upstreamUnavailable(String routeName, String path) {
        return new Problem(TYPE_BASE + "upstream-unavailable", "Bad Gateway", 502,
                "The " + routeName + " service is not reachable or broke off the exchange; try again later.", path);
    }

    public static Problem upstreamTimeout(String routeName, String path) {
        return new Problem(TYPE_BASE + "upstream-timeout", "Gateway Timeout", 504,
                "The " + routeName + " service did not answer in time.", path);
    }

    /**
     * @param retryAfterSeconds as sent in {@code Retry-After}: when the circuit lets requests through again
     */
    public static Problem circuitOpen(String routeName, long retryAfterSeconds, String path) {
        return new Problem(TYPE_BASE + "upstream-circuit-open", "Service Unavailable", 503,
                "The " + routeName + " service is failing; the gateway is not sending it requests for now. Retry after "
                        + retryAfterSeconds + " s.", path);
    }

    public static Problem unauthenticated(String detail, String path) {
        return new Problem(TYPE_BASE + "unauthenticated", "Unauthorized", 401, detail, path);
    }

    public static Problem forbidden(String detail, String path) {
        return new Problem(TYPE_BASE + "forbidden", "Forbidden", 403, detail, path);
    }

    public static Problem payloadTooLarge(long maxBytes, String path) {
        return new Problem(TYPE_BASE + "payload-too-large", "Content Too Large", 413,
                "The request body exceeds the limit of " + maxBytes + " bytes.", path);
    }

    public static Problem invalidRequest(String detail, String path) {
        return new Problem(TYPE_BASE + "invalid-request", "Bad Request", 400, detail, path);
    }

    /**
     * @param scope             {@code user}, {@code client} or {@code anonymous}
     * @param retryAfterSeconds as sent in {@code Retry-After}
     */
    public static Problem rateLimited(String scope, long retryAfterSeconds, String path) {
        String whose = switch (scope) {
            case "user" -> "this user";
            case "client" -> "this client application";
            default -> "this address";
        };
        return new Problem(TYPE_BASE + "rate-limited", "Too Many Requests", 429,
                "Too many requests for " + whose + "; retry after " + retryAfterSeconds + " s.", path);
    }

    public static Problem corsRejected(String detail, String path) {
        return new Problem(TYPE_BASE + "cors-rejected", "Forbidden", 403, detail, path);
    }

    public static Problem internalError(String path) {
        return new Problem(TYPE_BASE + "gateway-error", "Internal Server Error", 500,
                "The gateway could not handle the request.", path);
    }

    public String toJson() {
        JsonObject json = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            json.put("instance", instance);
        }
        return json.encode();
    }
}
