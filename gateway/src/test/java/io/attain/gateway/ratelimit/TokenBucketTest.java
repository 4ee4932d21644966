package io.attain.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAdmitTheBurstThenRefillAtTheRate() {
        Limit limit = Limit.of("test", 2, 3);
        long now = 5 * SECOND;
        TokenBucket bucket = new TokenBucket(now);

        assertThat(bucket.tryAcquire(now, limit)).isEqualTo(-3); // admitted, 2 left
        assertThat(bucket.tryAcquire(now, limit)).isEqualTo(-2);
        assertThat(bucket.tryAcquire(now, limit)).isEqualTo(-1);
        assertThat(bucket.tryAcquire(now, limit)).isEqualTo(SECOND / 2); // refused, next token in 0.5 s
        assertThat(bucket.tryAcquire(now + SECOND / 2, limit)).isEqualTo(-1);
        assertThat(bucket.tryAcquire(now + 10 * SECOND, limit)).isEqualTo(-3); // full again, never above burst
    }

    @Test
    void shouldGiveBackARefundedToken() {
        Limit limit = Limit.of("test", 1, 1);
        TokenBucket bucket = new TokenBucket(0);

        assertThat(bucket.tryAcquire(0, limit)).isNegative();
        bucket.refund(limit);

        assertThat(bucket.tryAcquire(0, limit)).isNegative();
        assertThat(bucket.tryAcquire(0, limit)).isPositive();
    }

    @Test
    void shouldRejectInvalidLimitsNamingTheKey() {
        assertThatThrownBy(() -> Limit.of("attain.gateway.rate-limit.user", 0, 1))
                .hasMessageContaining("attain.gateway.rate-limit.user.requests-per-second");
        assertThatThrownBy(() -> Limit.of("attain.gateway.rate-limit.user", 1, 0))
                .hasMessageContaining("attain.gateway.rate-limit.user.burst");
    }
}
