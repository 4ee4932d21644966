package io.attain.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.attain.gateway.support.Tokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class CallerKeysTest {

    @Test
    void shouldReadSubAndAzp() {
        assertThat(CallerKeys.fromAuthorization(Tokens.bearer("user-1", "attain-web")))
                .isEqualTo(new CallerKeys("user-1", "attain-web"));
    }

    @Test
    void shouldFallBackToClientIdAndAcceptLowerCaseScheme() {
        String token = Tokens.bearer(new JsonObject().put("client_id", "crm-integration"));

        assertThat(CallerKeys.fromAuthorization("bearer " + token.substring(7)))
                .isEqualTo(new CallerKeys(null, "crm-integration"));
    }

    @Test
    void shouldIgnoreNonStringAndOverlongClaims() {
        String token = Tokens.bearer(new JsonObject().put("sub", 42).put("azp", "x".repeat(300)));

        assertThat(CallerKeys.fromAuthorization(token).anonymous()).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-jwt", "Bearer a.b", "Bearer a.b.c.d.e",
            "Bearer eyJhbGciOiJSUzI1NiJ9.!!!.c2ln", "Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln" })
    void shouldTreatMissingOrUnreadableTokensAsAnonymous(String authorization) {
        assertThat(CallerKeys.fromAuthorization(authorization).anonymous()).isTrue();
    }

    @Test
    void shouldTreatAJsonArrayPayloadAsAnonymous() {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new JsonArray().add("sub").encode().getBytes());

        assertThat(CallerKeys.fromAuthorization("Bearer eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln").anonymous())
                .isTrue();
    }
}
