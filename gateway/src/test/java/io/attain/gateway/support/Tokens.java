package io.attain.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.attain.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.json.JsonObject;

/**
 * Bearer tokens for the gateway tests.
 * <ul>
 * <li>{@link #bearer(String, String)}: unsigned-looking tokens for tests that only need the payload read
 * (rate-limit keys with edge authentication off);</li>
 * <li>{@link #signed(String, String, String...)} and friends: Keycloak-shaped tokens signed with test-support's
 * test key ({@link TestTokens}), which the gateway verifies when edge authentication is on. Unlike
 * {@link TestTokens} they carry {@code azp}, the OAuth client, which the client-area rules look at.</li>
 * </ul>
 */
public final class Tokens {

    private static final PrivateKey TEST_KEY = loadTestKey();

    private Tokens() {
    }

    /**
     * A valid token for user {@code sub} issued to OAuth client {@code azp} with the given realm roles.
     */
    public static String signed(String sub, String azp, String... roles) {
        Instant now = Instant.now();
        return "Bearer " + claims(TestTokens.ISSUER, sub, azp, roles)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(15)))
                .jws().keyId("attain-test").sign(TEST_KEY);
    }

    /**
     * A correctly signed token that expired an hour ago.
     */
    public static String expired(String sub, String azp, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return "Bearer " + claims(TestTokens.ISSUER, sub, azp, roles)
                .issuedAt(past).expiresAt(past.plus(Duration.ofHours(1)))
                .jws().keyId("attain-test").sign(TEST_KEY);
    }

    /**
     * A correctly signed, unexpired token from another issuer (another realm or Keycloak).
     */
    public static String fromIssuer(String issuer, String sub, String azp, String... roles) {
        Instant now = Instant.now();
        return "Bearer " + claims(issuer, sub, azp, roles)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(15)))
                .jws().keyId("attain-test").sign(TEST_KEY);
    }

    private static JwtClaimsBuilder claims(String issuer, String sub, String azp, String... roles) {
        return Jwt.issuer(issuer)
                .subject(sub)
                .claim("azp", azp)
                .claim("preferred_username", sub)
                .claim("realm_access", Map.of("roles", List.of(roles)));
    }

    private static PrivateKey loadTestKey() {
        try (InputStream in = Tokens.class.getResourceAsStream("/attain-test/token-signing-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("attain-test/token-signing-key.pem missing (test-support)");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
