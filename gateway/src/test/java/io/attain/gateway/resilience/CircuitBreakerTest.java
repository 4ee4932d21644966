package io.attain.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    /** window 4, opens at 50% failures once 4 outcomes are known, stays open 10 s, 2 probes. */
    private static final CircuitBreakerPolicy POLICY = new CircuitBreakerPolicy(4, 4, 0.5, Duration.ofSeconds(10), 2);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker(POLICY, now::get);

    @Test
    void shouldStayClosedBelowTheMinimumNumberOfCalls() {
        fail(3);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isNotNull();
    }

    @Test
    void shouldOpenWhenTheFailureRatioIsReached() {
        succeed(2);
        fail(2);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void shouldStayClosedBelowTheFailureRatio() {
        succeed(3);
        fail(1);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldJudgeOnlyTheOutcomesInTheWindow() {
        fail(1);
        succeed(4);
        // the early failure has left the window of 4: [S,S,S,S]
        fail(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        fail(1);
        // 2 of the last 4 failed (counting all 7 outcomes it would be 3 of 7, below the ratio)
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void shouldCountDownRetryAfterWhileOpen() {
        fail(4);
        now.addAndGet(Duration.ofMillis(7_500).toNanos());

        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void shouldLetTheConfiguredNumberOfProbesThroughOnceTheOpenDurationIsOver() {
        fail(4);
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        CircuitBreaker.Permit first = breaker.tryAcquire();
        CircuitBreaker.Permit second = breaker.tryAcquire();

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void shouldCloseWhenAllProbesSucceed() {
        fail(4);
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        breaker.tryAcquire().success();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        breaker.tryAcquire().success();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        // closed with an empty window: three failures do not reopen it
        fail(3);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldReopenWhenAProbeFails() {
        fail(4);
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        CircuitBreaker.Permit probe = breaker.tryAcquire();
        probe.failure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void shouldFreeAProbeSlotWhenAProbeEndsWithoutOutcome() {
        fail(4);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        CircuitBreaker.Permit first = breaker.tryAcquire();
        breaker.tryAcquire();
        assertThat(breaker.tryAcquire()).isNull();

        first.release();

        assertThat(breaker.tryAcquire()).isNotNull();
    }

    @Test
    void shouldIgnoreOutcomesOfPermitsTakenBeforeTheStateChanged() {
        CircuitBreaker.Permit slow = breaker.tryAcquire();
        fail(4);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        CircuitBreaker.Permit probe = breaker.tryAcquire();

        slow.failure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        probe.success();
        breaker.tryAcquire().success();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldSettleAPermitOnlyOnce() {
        succeed(2);
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        permit.failure();
        permit.failure();
        permit.failure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldRejectInvalidPolicies() {
        assertThatThrownBy(() -> new CircuitBreakerPolicy(0, 1, 0.5, Duration.ofSeconds(1), 1))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(5, 6, 0.5, Duration.ofSeconds(1), 1))
                .hasMessageContaining("minimum-calls");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(5, 5, 0, Duration.ofSeconds(1), 1))
                .hasMessageContaining("failure-ratio");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(5, 5, 1.5, Duration.ofSeconds(1), 1))
                .hasMessageContaining("failure-ratio");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(5, 5, 0.5, Duration.ZERO, 1))
                .hasMessageContaining("open-duration");
        assertThatThrownBy(() -> new CircuitBreakerPolicy(5, 5, 0.5, Duration.ofSeconds(1), 0))
                .hasMessageContaining("half-open-probes");
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.tryAcquire().failure();
        }
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            breaker.tryAcquire().success();
        }
    }
}
