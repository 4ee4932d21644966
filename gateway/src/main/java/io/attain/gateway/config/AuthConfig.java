package io.attain.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Authentication at the edge. Bearer tokens are verified by quarkus-oidc ({@code quarkus.oidc.*}: the realm's
 * keys, issuer, expiry); this says what the gateway does with the result.
 */
@ConfigMapping(prefix = "attain.gateway.auth")
public interface AuthConfig {

    /**
     * Whether routed requests need a valid bearer token. The services verify tokens themselves either way.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many recently verified tokens are remembered (by their exact text), so that a client sending the same
     * token again is not verified again. 0 turns the memory off.
     */
    @WithDefault("10000")
    int verifiedTokensCacheSize();

    /**
     * How long a verified token is remembered at most (never beyond its own expiry).
     */
    @WithDefault("60s")
    Duration verifiedTokensTtl();

    /**
     * Paths reserved for machine clients, by name. Only a caller the area admits may call its paths, and such a
     * caller may call nothing but the paths of the areas that admit it.
     */
    Map<String, ClientAreaConfig> clientAreas();

    interface ClientAreaConfig {

        /**
         * Path prefixes of the area, matched on whole segments like route prefixes.
         */
        List<String> prefixes();

        /**
         * OAuth client ids ({@code azp}, else {@code client_id}) admitted.
         */
        Optional<List<String>> clients();

        /**
         * Realm roles admitted: a token holding any of them is admitted.
         */
        Optional<List<String>> roles();
    }
}
