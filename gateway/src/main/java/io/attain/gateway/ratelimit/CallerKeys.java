package io.attain.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Who a request claims to come from, for choosing rate-limit buckets.
 * <p>
 * <strong>This is not authentication.</strong> The bearer token's payload is decoded (base64url JSON) but its
 * signature, issuer and expiry are not checked here: the values are only bucket keys. The services validate
 * every token themselves. Until the gateway validates tokens at the edge, a caller who forges tokens with ever
 * new {@code sub} values gets a fresh user bucket each time (those requests still fail with 401 upstream); the
 * per-client and per-IP limits do not cover that case.
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
