package io.attain.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Gateway configuration: which path prefixes go to which upstream, and the limits the gateway enforces.
 */
@ConfigMapping(prefix = "attain.gateway")
public interface GatewayConfig {

    /**
     * Routes by name. The name appears in access log lines, metrics and health data; the longest matching
     * prefix wins.
     */
    Map<String, RouteConfig> routes();

    /**
     * How long an upstream may stay silent: from the moment the whole request has been forwarded until the
     * response head arrives, and between two pieces of the response body. Exceeding it before the response
     * head gives 504. Routes may override it.
     */
    @WithDefault("30s")
    Duration timeout();

    /**
     * How long to wait for a connection to an upstream (TCP connect, or a free pooled connection).
     */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * The largest request body the gateway forwards; a larger one is answered with 413.
     */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /**
     * Whether X-Forwarded-For/-Proto/-Host sent by the caller are kept (append the peer to X-Forwarded-For)
     * or replaced. Only turn this on when every caller is a trusted proxy (an ingress in front of the gateway).
     */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    /**
     * HTTP/1.1 connections to each upstream host, for the whole gateway; each event loop's pool gets its share,
     * rounded up.
     */
    @WithDefault("64")
    int maxConnectionsPerUpstream();

    interface RouteConfig {

        /**
         * Path prefix, matched on whole segments: {@code /api/targets} matches {@code /api/targets} and
         * {@code /api/targets/...}, not {@code /api/targetsX}.
         */
        String prefix();

        /**
         * Base URL of the upstream, e.g. {@code http://localhost:8081}. The request path is forwarded unchanged
         * (appended to the base URL's path, if it has one).
         */
        String upstream();

        /**
         * Overrides {@code attain.gateway.timeout} for this route.
         */
        Optional<Duration> timeout();
    }
}
