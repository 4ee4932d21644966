package io.attain.gateway.proxy;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.attain.gateway.config.GatewayConfig;
import io.attain.gateway.config.ResilienceConfig;
import io.attain.gateway.resilience.RetryPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/**
 * The validated route table, the proxy settings, the retry policy and the upstream HTTP clients (on Quarkus' managed Vert.x).
 */
@Singleton
public class GatewayBeans {

    /** Upstream response heads may be larger than Vert.x' 8 KiB default (cookies, long Location headers). */
    private static final int MAX_UPSTREAM_HEADER_BYTES = 32 * 1024;

    @Produces
    @Singleton
    RouteTable routeTable(GatewayConfig config) {
        return RouteTable.from(config);
    }

    @Produces
    @Singleton
    ProxySettings proxySettings(GatewayConfig config) {
        return ProxySettings.from(config);
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(ResilienceConfig config) {
        return RetryPolicy.from(config.retry());
    }

    @Produces
    @Singleton
    UpstreamClients upstreamClients(Vertx vertx, GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setName("attain-gateway-upstream")
                .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                // A transparent proxy: bodies pass through as encoded, redirects go back to the client.
                .setDecompressionSupported(false)
                .setMaxHeaderSize(MAX_UPSTREAM_HEADER_BYTES);
        return new UpstreamClients(vertx, options, config.maxConnectionsPerUpstream());
    }

    void closeUpstreamClients(@Disposes UpstreamClients clients) {
        clients.close();
    }
}
