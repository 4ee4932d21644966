package io.attain.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of every deal event: what changed, who changed it, and the deal's full snapshot after the
 * change, so consumers never call pipeline-service back.
 *
 * @param dealId        the aggregate id (also the Kafka key and {@code ce_subject})
 * @param version       the deal's version after this change; consumers ignore versions they have passed
 * @param occurredAt    when the change happened in pipeline-service (or in the CRM, for CRM deliveries)
 * @param actor         Keycloak user id or client id that made the change
 * @param previousStage the stage before a stage change, otherwise {@code null}
 * @param changedFields for {@code deal.updated}: the names of the snapshot fields that changed
 * @param payment       for payment events: the payment recorded or reversed, otherwise {@code null}
 * @param deal          the deal after the change
 */
public record DealEvent(
        UUID dealId,
        long version,
        Instant occurredAt,
        String actor,
        String previousStage,
        List<String> changedFields,
        PaymentChange payment,
        DealSnapshot deal) {

    public DealEvent {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
