package io.attain.gateway.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Cross-origin access for browser front-ends. Only the listed origins are allowed, always with credentials, so
 * the allowed origin is echoed and never {@code *}.
 */
@ConfigMapping(prefix = "attain.gateway.cors")
public interface CorsConfig {

    /**
     * Whether the gateway answers CORS requests at all. When off, preflights are forwarded like any other request.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Exact origins ({@code scheme://host[:port]}) allowed to call the API from a browser. {@code *} is refused.
     */
    @WithDefault("http://localhost:5173,http://localhost:3000")
    List<String> allowedOrigins();

    @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
    List<String> allowedMethods();

    @WithDefault("Authorization,Content-Type,If-Match,X-Request-Id,Idempotency-Key")
    List<String> allowedHeaders();

    @WithDefault("ETag,Location,X-Request-Id,Retry-After,RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset")
    List<String> exposedHeaders();

    /**
     * How long browsers may cache a preflight answer.
     */
    @WithDefault("10m")
    Duration maxAge();
}
