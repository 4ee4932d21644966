package io.attain.gateway.observability;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;

/**
 * The gateway's meters: {@code http.server.requests} for every request it handles (tags {@code method},
 * {@code uri} = the route's path template, {@code status}, {@code outcome}, as Quarkus' HTTP binder names them), and
 * why exchanges failed.
 * <p>
 * The request timer is recorded here rather than by Quarkus' HTTP server binder (switched off with
 * {@code quarkus.micrometer.binder.http-server.enabled=false}): the binder builds and sorts the tags and looks the
 * meter up by them for every request, which showed in the gateway's CPU profile; here each combination is resolved
 * once and then found by a small key.
 */
@ApplicationScoped
public class ProxyMetrics {

    /** {@code uri} of requests no route serves. */
    public static final String NOT_FOUND_URI = "NOT_FOUND";

    /** Methods tagged by name; any other (extension methods a client may invent) is tagged {@code OTHER}. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS", "TRACE", "CONNECT");

    private final MeterRegistry registry;
    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record RequestKey(String method, String uri, int status) {
    }

    /**
     * Records a request the gateway answered or forwarded.
     *
     * @param uri the route's path template, or {@link #NOT_FOUND_URI}
     */
    public void request(String method, String uri, int status, long nanos) {
        RequestKey key = new RequestKey(KNOWN_METHODS.contains(method) ? method : "OTHER", uri, status);
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, ignored -> Timer.builder("http.server.requests")
                    .description("HTTP server request processing time")
                    .tag("method", key.method())
                    .tag("uri", key.uri())
                    .tag("status", Integer.toString(key.status()))
                    .tag("outcome", Outcome.forStatus(key.status()).name())
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Counts an exchange that did not complete normally.
     *
     * @param reason one of {@code unreachable}, {@code timeout}, {@code upstream_aborted}, {@code client_aborted},
     *               {@code body_too_large}, {@code circuit_open}
     */
    public void upstreamFailure(String route, String reason) {
        Counter.builder("attain.gateway.upstream.failures")
                .description("Proxied requests that did not complete normally, by route and reason")
                .tag("route", route)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /**
     * Counts an attempt repeated after the previous one failed before any response reached the client.
     */
    public void retry(String route) {
        Counter.builder("attain.gateway.upstream.retries")
                .description("Upstream attempts repeated after a connection failure or a 502/503/504, by route")
                .tag("route", route)
                .register(registry)
                .increment();
    }
}
