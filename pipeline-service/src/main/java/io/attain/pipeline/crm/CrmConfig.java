package io.attain.pipeline.crm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CRM ingestion: signing secrets per machine client and the limits of a delivery. */
@ConfigMapping(prefix = "attain.crm")
public interface CrmConfig {

    /**
     * Machine clients by client id (the token's {@code azp}). A client without a secret cannot deliver: its
     * deliveries answer 401.
     */
    Map<String, Client> clients();

    /** How far a delivery's {@code X-Attain-Timestamp} may lie from the server's clock, either way. */
    @WithDefault("5m")
    Duration signatureTolerance();

    /** Most events in one batch delivery. */
    @WithDefault("500")
    int maxBatchEvents();

    /** Largest body of a single-event delivery, in bytes. */
    @WithDefault("65536")
    int maxEventBytes();

    /** Largest body of a batch delivery, in bytes (the HTTP layer's own limit is quarkus.http.limits.max-body-size). */
    @WithDefault("1048576")
    int maxBatchBytes();

    /**
     * Most single deliveries of one client applied in one transaction: concurrent single deliveries queue while
     * one transaction runs and the next takes them together ({@link GroupCommit}); 1 turns grouping off.
     */
    @WithDefault("500")
    int maxGroupEvents();

    interface Client {
        /** The HMAC-SHA256 key the client signs its deliveries with. */
        Optional<String> secret();

        /**
         * The CRM systems ({@code crmSystem} of an event, in any case) the client delivers for; absent: any. A client
         * holding one CRM's key thus cannot write the deals of another CRM: such an event answers 403
         * {@code crm-system-not-allowed} (in a batch, that item is REJECTED).
         */
        Optional<List<String>> systems();
    }
}
