package io.attain.pipeline.crm;

import io.attain.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmSignatureTest {

    private static final String SECRET = "crm-integration-demo-secret";
    private static final String TIMESTAMP = "1763884800";
    private static final byte[] BODY = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    /** printf '%s.%s' 1763884800 '{"eventId":"e-1"}' | openssl dgst -sha256 -hmac crm-integration-demo-secret -r */
    private static final String OPENSSL = "92f464169b591b850a36279d591643504252a793ae636ab579069fc0e2d75462";
    private static final Instant SENT = Instant.ofEpochSecond(1763884800L);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void shouldSignLikeTheDocumentedOpensslCommand() {
        assertThat(CrmSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(OPENSSL);
    }

    @Test
    void shouldAcceptHexBareOrPrefixedInAnyCaseWithinTheTolerance() {
        for (String signature : new String[] {OPENSSL, "sha256=" + OPENSSL, OPENSSL.toUpperCase(), "SHA256=" + OPENSSL}) {
            assertThatCode(() -> CrmSignature.verify(SECRET, TIMESTAMP, signature, BODY, SENT.plusSeconds(299), TOLERANCE))
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> CrmSignature.verify(SECRET, TIMESTAMP, OPENSSL, BODY, SENT.minusSeconds(299), TOLERANCE))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseStaleOrFutureTimestamps() {
        assertRefused(TIMESTAMP, OPENSSL, BODY, SENT.plusSeconds(301), "stale-signature");
        assertRefused(TIMESTAMP, OPENSSL, BODY, SENT.minusSeconds(301), "stale-signature");
    }

    @Test
    void shouldRefuseWrongOrMissingSignatures() {
        assertRefused(TIMESTAMP, OPENSSL, "{\"eventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8), SENT, "invalid-signature");
        assertRefused("1763884801", OPENSSL, BODY, SENT, "invalid-signature");
        assertRefused(TIMESTAMP, OPENSSL.substring(1) + "0", BODY, SENT, "invalid-signature");
        assertRefused(TIMESTAMP, "sha256=" + OPENSSL.substring(2), BODY, SENT, "invalid-signature");
        assertRefused(TIMESTAMP, "zz" + OPENSSL.substring(2), BODY, SENT, "invalid-signature");
        assertRefused("2025-11-23T08:00:00Z", OPENSSL, BODY, SENT, "invalid-signature");
        assertRefused(null, OPENSSL, BODY, SENT, "missing-signature");
        assertRefused(TIMESTAMP, " ", BODY, SENT, "missing-signature");
    }

    private static void assertRefused(String timestamp, String signature, byte[] body, Instant now, String slug) {
        assertThatThrownBy(() -> CrmSignature.verify(SECRET, timestamp, signature, body, now, TOLERANCE))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.slug()).isEqualTo(slug);
                    assertThat(e.getMessage()).doesNotContain(OPENSSL);
                });
    }
}
