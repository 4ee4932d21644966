package io.attain.gateway.cors;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.attain.gateway.config.CorsConfig;
import io.attain.gateway.problem.Problem;
import io.attain.gateway.problem.ProblemResponses;
import io.quarkus.runtime.Startup;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the configured front-end origins, with credentials, so the allowed origin is always echoed (never
 * {@code *}).
 * <ul>
 * <li>a preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered by
 * the gateway and never forwarded: {@code 204} with the CORS headers when origin, method and headers are allowed,
 * {@code 403} problem+json otherwise;</li>
 * <li>any other request from an allowed origin is handled as usual and its response (the upstream's or the
 * gateway's own error) gets {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials},
 * {@code -Expose-Headers} and {@code Vary: Origin}; CORS headers sent by the upstream are replaced;</li>
 * <li>requests from other origins get no CORS headers, so browsers do not let those pages read the response.</li>
 * </ul>
 */
@Startup
@Singleton
public class CorsPolicy {

    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";

    private final boolean enabled;
    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAgeSeconds;

    public CorsPolicy(CorsConfig config) {
        this.enabled = config.enabled();
        this.origins = new LinkedHashSet<>();
        for (String origin : config.allowedOrigins()) {
            String trimmed = origin.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.contains("*") || "null".equalsIgnoreCase(trimmed)
                    || !(trimmed.startsWith("http://") || trimmed.startsWith("https://")) || trimmed.endsWith("/")) {
                throw new IllegalArgumentException("attain.gateway.cors.allowed-origins must list exact origins"
                        + " (scheme://host[:port], no '*', no path): " + origin);
            }
            origins.add(trimmed.toLowerCase(Locale.ROOT));
        }
        this.methods = upper(config.allowedMethods());
        this.headers = lower(config.allowedHeaders());
        this.allowMethods = String.join(", ", methods);
        this.allowHeaders = String.join(", ", trimmed(config.allowedHeaders()));
        this.exposeHeaders = String.join(", ", trimmed(config.exposedHeaders()));
        long maxAge = config.maxAge().toSeconds();
        if (maxAge < 0) {
            throw new IllegalArgumentException("attain.gateway.cors.max-age must not be negative");
        }
        this.maxAgeSeconds = Long.toString(maxAge);
    }

    /**
     * Applies the policy to a request before it is routed.
     *
     * @return {@code true} when the request has been answered (a preflight), {@code false} when it goes on
     */
    public boolean handle(RoutingContext ctx) {
        if (!enabled) {
            return false;
        }
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(ORIGIN);
        if (origin == null) {
            return false;
        }
        boolean allowedOrigin = origins.contains(origin.trim().toLowerCase(Locale.ROOT));
        String requestedMethod = request.getHeader(REQUEST_METHOD);
        if (request.method() == HttpMethod.OPTIONS && requestedMethod != null) {
            preflight(ctx, origin, allowedOrigin, requestedMethod);
            return true;
        }
        HttpServerResponse response = ctx.response();
        if (allowedOrigin) {
            ctx.addHeadersEndHandler(ignored -> {
                MultiMap headers = response.headers();
                removeCorsHeaders(headers);
                headers.set("Access-Control-Allow-Origin", origin);
                headers.set("Access-Control-Allow-Credentials", "true");
                if (!exposeHeaders.isEmpty()) {
                    headers.set("Access-Control-Expose-Headers", exposeHeaders);
                }
                addVary(headers, ORIGIN);
            });
        } else {
            // Never let an upstream's own CORS headers open the API to an origin the gateway does not allow.
            ctx.addHeadersEndHandler(ignored -> {
                removeCorsHeaders(response.headers());
                addVary(response.headers(), ORIGIN);
            });
        }
        return false;
    }

    private void preflight(RoutingContext ctx, String origin, boolean allowedOrigin, String requestedMethod) {
        HttpServerResponse response = ctx.response();
        String path = ctx.normalizedPath();
        response.putHeader(HttpHeaders.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!allowedOrigin) {
            ProblemResponses.send(response, Problem.corsRejected("This origin is not allowed to call the API.", path));
            return;
        }
        if (!methods.contains(requestedMethod.trim().toUpperCase(Locale.ROOT))) {
            ProblemResponses.send(response, Problem.corsRejected(
                    "The method " + sanitize(requestedMethod) + " is not allowed in cross-origin requests.", path));
            return;
        }
        String requestedHeaders = ctx.request().getHeader(REQUEST_HEADERS);
        if (requestedHeaders != null) {
            for (String header : requestedHeaders.split(",")) {
                String name = header.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !headers.contains(name)) {
                    ProblemResponses.send(response, Problem.corsRejected("The header " + sanitize(name)
                            + " is not allowed in cross-origin requests.", path));
                    return;
                }
            }
        }
        response.setStatusCode(204)
                .putHeader("Access-Control-Allow-Origin", origin)
                .putHeader("Access-Control-Allow-Credentials", "true")
                .putHeader("Access-Control-Allow-Methods", allowMethods)
                .putHeader("Access-Control-Allow-Headers", allowHeaders)
                .putHeader("Access-Control-Max-Age", maxAgeSeconds)
                .end();
    }

    private static void removeCorsHeaders(MultiMap headers) {
        List<String> names = headers.names().stream()
                .filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15))
                .toList();
        names.forEach(headers::remove);
    }

    private static void addVary(MultiMap headers, String name) {
        for (String value : headers.getAll(HttpHeaders.VARY)) {
            for (String token : value.split(",")) {
                String existing = token.trim();
                if (existing.equals("*") || existing.equalsIgnoreCase(name)) {
                    return;
                }
            }
        }
        headers.add(HttpHeaders.VARY, name);
    }

    /** Echoed values are cut to a short, printable form before they go into a problem detail. */
    private static String sanitize(String value) {
        String printable = value.trim().replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    private static Set<String> upper(List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        trimmed(values).forEach(value -> set.add(value.toUpperCase(Locale.ROOT)));
        return set;
    }

    private static Set<String> lower(List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        trimmed(values).forEach(value -> set.add(value.toLowerCase(Locale.ROOT)));
        return set;
    }
}
