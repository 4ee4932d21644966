package io.attain.gateway.proxy;

import io.attain.gateway.config.GatewayConfig;

/**
 * The gateway-wide limits a {@link ProxyExchange} applies, read once from configuration.
 *
 * @param maxBodyBytes          largest request body forwarded
 * @param connectTimeoutMillis  time allowed to obtain a connection to an upstream
 * @param trustForwardedHeaders whether caller-supplied X-Forwarded-* headers are kept
 */
public record ProxySettings(long maxBodyBytes, long connectTimeoutMillis, boolean trustForwardedHeaders) {

    public static ProxySettings from(GatewayConfig config) {
        long maxBody = config.maxBodySize().asLongValue();
        if (maxBody <= 0) {
            throw new IllegalArgumentException("attain.gateway.max-body-size must be positive");
        }
        long connectTimeout = config.connectTimeout().toMillis();
        if (connectTimeout <= 0) {
            throw new IllegalArgumentException("attain.gateway.connect-timeout must be positive");
        }
        return new ProxySettings(maxBody, connectTimeout, config.trustForwardedHeaders());
    }
}
