package io.attain.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/**
 * Unsigned-looking JWS tokens for tests that only need the payload read (rate-limit keys).
 */
public final class Tokens {

    private Tokens() {
    }

    public static String bearer(JsonObject claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + payload + ".c2lnbmF0dXJl";
    }

    public static String bearer(String sub, String azp) {
        JsonObject claims = new JsonObject();
        if (sub != null) {
            claims.put("sub", sub);
        }
        if (azp != null) {
            claims.put("azp", azp);
        }
        return bearer(claims);
    }
}
