package io.attain.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The memory of verified bearer tokens ({@link RememberedTokenIdentityProvider}).
 */
@ConfigMapping(prefix = "attain.security.verified-tokens")
public interface VerifiedTokensConfig {

    /** How many verified tokens are remembered; 0 turns the memory off (every request's token is verified). */
    @WithDefault("10000")
    int cacheSize();

    /** How long a verified token is remembered at most (never beyond its own expiry). */
    @WithDefault("60s")
    Duration ttl();
}
