package io.attain.support.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry delay after the n-th failed send: the initial backoff, doubled per attempt, capped. */
class OutboxBackoffTest {

    @Test
    void shouldDoubleTheDelayPerFailedAttempt() {
        OutboxRelay relay = relay(Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(relay.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(relay.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(relay.backoff(9)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void shouldCapTheDelayAtTheMaximum() {
        OutboxRelay relay = relay(Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(relay.backoff(10)).isEqualTo(Duration.ofMinutes(5)); // 512 s without the cap
        assertThat(relay.backoff(11)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldStayAtTheMaximumHoweverOftenARowFails() {
        OutboxRelay relay = relay(Duration.ofMillis(250), Duration.ofMinutes(5));

        for (int attempts : new int[]{21, 22, 63, 64, 65, 1_000, Integer.MAX_VALUE}) {
            assertThat(relay.backoff(attempts)).as("attempt %d", attempts).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void shouldNeverExceedAMaximumBelowTheInitialDelay() {
        OutboxRelay relay = relay(Duration.ofSeconds(10), Duration.ofSeconds(3));

        assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(3));
    }

    private static OutboxRelay relay(Duration initial, Duration max) {
        OutboxRelay relay = new OutboxRelay();
        relay.config = new OutboxConfig() {
            @Override
            public String source() {
                return "/attain/test";
            }

            @Override
            public boolean relayEnabled() {
                return true;
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(200);
            }

            @Override
            public int batchSize() {
                return 200;
            }

            @Override
            public Duration sendTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration initialBackoff() {
                return initial;
            }

            @Override
            public Duration maxBackoff() {
                return max;
            }
        };
        return relay;
    }
}
