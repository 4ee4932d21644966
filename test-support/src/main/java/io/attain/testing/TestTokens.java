package io.attain.testing;

import io.smallrye.jwt.build.Jwt;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Signed bearer tokens shaped like Keycloak's ({@code sub}, {@code realm_access.roles}), so service
 * tests go through the real OIDC bearer-token verification with any caller. The services under test
 * verify them with {@link #publicKey()}, which {@link InfrastructureResource} configures. The key pair
 * is a test-only key committed in this module; it signs nothing outside tests.
 */
public final class TestTokens {

    public static final String ISSUER = "https://attain.test/realms/attain";
    private static final PrivateKey PRIVATE_KEY = loadPrivateKey();
    private static final PublicKey PUBLIC_KEY = derivePublicKey(PRIVATE_KEY);

    private TestTokens() {
    }

    /** A token for user {@code sub} holding the given realm roles. */
    public static String token(String sub, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .subject(sub)
                .claim("preferred_username", sub)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(15)))
                .jws().keyId("attain-test")
                .sign(PRIVATE_KEY);
    }

    /** A token for user {@code sub} holding the given realm roles that expires at {@code expiresAt}. */
    public static String tokenExpiringAt(Instant expiresAt, String sub, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(sub)
                .claim("preferred_username", sub)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .jws().keyId("attain-test")
                .sign(PRIVATE_KEY);
    }

    /** A token that expired a minute ago. */
    public static String expiredToken(String sub, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return Jwt.issuer(ISSUER).subject(sub)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(59)))
                .jws().keyId("attain-test").sign(PRIVATE_KEY);
    }

    /** A rest-assured request authenticated as {@code sub} with {@code roles}. */
    public static RequestSpecification as(String sub, String... roles) {
        return given().auth().oauth2(token(sub, roles));
    }

    /** Base64 of the X.509 public key, the format of {@code quarkus.oidc.public-key}. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(PUBLIC_KEY.getEncoded());
    }

    private static PrivateKey loadPrivateKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/attain-test/token-signing-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("attain-test/token-signing-key.pem missing from test-support");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey derivePublicKey(PrivateKey key) {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
