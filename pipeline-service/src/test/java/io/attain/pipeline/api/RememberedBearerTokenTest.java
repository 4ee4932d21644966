package io.attain.pipeline.api;

import io.attain.support.security.RememberedTokenIdentityProvider;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bearer token verified once is answered from memory afterwards (service-support's
 * RememberedTokenIdentityProvider); what the service accepts and refuses must stay exactly what quarkus-oidc
 * accepts and refuses.
 */
@QuarkusTest
class RememberedBearerTokenTest {

    private static final String DEALS = "/api/pipeline/deals";

    @Inject
    RememberedTokenIdentityProvider memory;

    @Test
    void shouldRefuseARememberedTokenOnceItHasExpired() {
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String token = TestTokens.tokenExpiringAt(expiresAt, "rep-expiring", "rep");

        given().auth().oauth2(token).get(DEALS).then().statusCode(200);
        assertThat(memory.remembers(token)).as("remembered after its first verification").isTrue();
        given().auth().oauth2(token).get(DEALS).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !Instant.now().isBefore(expiresAt));
        assertThat(memory.remembers(token)).isFalse();
        given().auth().oauth2(token).get(DEALS).then().statusCode(401);
        given().auth().oauth2(token).get(DEALS).then().statusCode(401);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        String token = TestTokens.expiredToken("rep-expired", "rep");

        given().auth().oauth2(token).get(DEALS).then().statusCode(401);
        assertThat(memory.remembers(token)).isFalse();
    }

    @Test
    void shouldRefuseAlteredCopiesOfARememberedToken() {
        String token = TestTokens.token("rep-genuine", "rep");
        given().auth().oauth2(token).get(DEALS).then().statusCode(200);

        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        given().auth().oauth2(parts[0] + "." + parts[1] + "." + otherSignature).get(DEALS).then().statusCode(401);

        // another caller's claims under the remembered token's signature
        String admin = TestTokens.token("someone-else", "admin").split("\\.")[1];
        given().auth().oauth2(parts[0] + "." + admin + "." + parts[2]).get(DEALS).then().statusCode(401);

        given().auth().oauth2(token).get(DEALS).then().statusCode(200);
    }

    @Test
    void shouldKeepCheckingTheRolesOfARememberedToken() {
        String token = TestTokens.token("crm-client", "crm-integration");

        given().auth().oauth2(token).get(DEALS).then().statusCode(403);
        assertThat(memory.remembers(token)).isTrue();
        given().auth().oauth2(token).get(DEALS).then().statusCode(403);
    }
}
