package io.attain.support.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final long EXP = NOW.plusSeconds(300).getEpochSecond();

    private final MovableClock clock = new MovableClock(NOW);
    private final VerifiedTokens<String> tokens = new VerifiedTokens<>(100, Duration.ofMinutes(10), clock);

    @Test
    void shouldAnswerARememberedTokenUntilJustBeforeItsExpiry() {
        tokens.remember("token-a", "identity-a", EXP);

        assertThat(tokens.get("token-a")).isEqualTo("identity-a");
        clock.now = Instant.ofEpochSecond(EXP).minusMillis(1);
        assertThat(tokens.get("token-a")).isEqualTo("identity-a");
    }

    @Test
    void shouldForgetATokenAtItsExpiry() {
        tokens.remember("token-a", "identity-a", EXP);

        clock.now = Instant.ofEpochSecond(EXP);
        assertThat(tokens.get("token-a")).isNull();
        clock.now = NOW;
        assertThat(tokens.get("token-a")).as("forgotten, not just hidden").isNull();
    }

    @Test
    void shouldNotRememberAnExpiredToken() {
        tokens.remember("token-a", "identity-a", NOW.getEpochSecond());

        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void shouldAnswerOnlyTheExactTokenText() {
        tokens.remember("header.payload.signature", "identity-a", EXP);

        assertThat(tokens.get("header.payload.signaturE")).isNull();
        assertThat(tokens.get("header.payload.signature ")).isNull();
        assertThat(tokens.get("header.payload.signature")).isEqualTo("identity-a");
    }

    @Test
    void shouldRefuseANonPositiveSizeOrTimeToLive() {
        assertThatThrownBy(() -> new VerifiedTokens<String>(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedTokens<String>(10, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
