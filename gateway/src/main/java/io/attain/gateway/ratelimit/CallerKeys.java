package io.attain.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Who a request comes from, for choosing rate-limit buckets.
 * <p>
 * With authentication at the edge on (the default), the keys come from the verified token
 * ({@code io.attain.gateway.auth}). {@link #fromAuthorization(String)} is only used when it is off: it decodes the
 * bearer token's payload (base64url JSON) without checking signature, issuer or expiry, so a caller forging tokens
 * with ever new {@code sub} values would get a fresh user bucket each time.
 *
 * @param user   the token's {@code sub}, or {@code null}
 * @param client the token's {@code azp}, else {@code client_id}, or {@code null}
 */
public record CallerKeys(String user, String client) {

    /** Longer tokens are not decoded (Keycloak access tokens are a few KiB at most). */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** Longer claim values are ignored rather than kept as bucket keys. */
    static final int MAX_CLAIM_LENGTH = 255;

    private static final CallerKeys NONE = new CallerKeys(null, null);

    /**
     * A caller without a usable token: limited by client IP.
     */
    public static CallerKeys none() {
        return NONE;
    }

    public boolean anonymous() {
        return user == null && client == null;
    }

    /**
     * Reads {@code sub} and {@code azp}/{@code client_id} from a {@code Bearer} JWS compact token. A missing
     * header, another scheme, or a token that is not three base64url parts with a JSON object in the middle gives
     * an anonymous caller.
     */
    public static CallerKeys fromAuthorization(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH + 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return NONE;
        }
        String token = authorization.substring(7).trim();
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return NONE;
        }
        JsonObject claims;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(firstDot + 1, secondDot));
            claims = new JsonObject(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException e) {
            return NONE;
        }
        String user = claim(claims, "sub");
        String client = claim(claims, "azp");
        if (client == null) {
            client = claim(claims, "client_id");
        }
        return user == null && client == null ? NONE : new CallerKeys(user, client);
    }

    private static String claim(JsonObject claims, String name) {
        return claims.getValue(name) instanceof String value && !value.isBlank()
                && value.length() <= MAX_CLAIM_LENGTH ? value : null;
    }
}
