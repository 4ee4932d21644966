package io.attain.gateway.auth;

import java.util.Set;

import io.attain.gateway.ratelimit.CallerKeys;

/**
 * The caller of a request whose bearer token the gateway has verified.
 *
 * @param subject the token's {@code sub}, or {@code null} (client-credentials tokens may lack it)
 * @param client  the OAuth client the token was issued to ({@code azp}, else {@code client_id}), or {@code null}
 * @param roles   the realm roles in the token
 */
public record EdgeCaller(String subject, String client, Set<String> roles) {

    public EdgeCaller {
        roles = Set.copyOf(roles);
    }

    /**
     * Rate-limit keys taken from the verified claims.
     */
    public CallerKeys rateLimitKeys() {
        return subject == null && client == null ? CallerKeys.none() : new CallerKeys(subject, client);
    }
}
