package io.attain.gateway.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gateway-specific meters. Request counts and latencies per route come from Quarkus' {@code http.server.requests}
 * (its {@code uri} tag is the route's path template); this adds why exchanges failed.
 */
@ApplicationScoped
public class ProxyMetrics {

    private final MeterRegistry registry;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
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
