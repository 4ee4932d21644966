package io.attain.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "attain.outbox")
public interface OutboxConfig {

    /** {@code ce_source} of every event this service publishes, e.g. {@code /attain/pipeline-service}. */
    String source();

    /** Whether this instance relays at all (tests of the outbox alone may turn it off). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * How often the relay looks for due rows. The schedule of {@link OutboxRelay} reads this key; it is
     * declared here too because the mapping rejects unknown keys under {@code attain.outbox}.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows read per relay round. */
    @WithDefault("200")
    int batchSize();

    /** How long one send may wait for the broker's acknowledgement before it counts as failed. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** First retry delay after a failed send; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();
}
