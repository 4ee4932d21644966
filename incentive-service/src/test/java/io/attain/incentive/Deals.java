package io.attain.incentive;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.events.CloudEventHeaders;
import io.attain.events.CreditSplit;
import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deal snapshots and deal events as pipeline-service publishes them, for the tests of this module. */
public final class Deals {

    public static final String PIPELINE_SOURCE = "/attain/pipeline-service";
    private static final Instant CREATED = Instant.parse("2025-04-08T02:15:00Z");

    private Deals() {
    }

    /** A deal in {@code stage} worth {@code amount}, owned by {@code owner}, with the given credit splits. */
    public static DealSnapshot deal(UUID id, long version, String stage, String owner, Money amount, CreditSplit... splits) {
        boolean closed = "WON".equals(stage) || "COLLECTED".equals(stage) || "LOST".equals(stage);
        Instant changed = CREATED.plusSeconds(3600 * version);
        return new DealSnapshot(id, version, "华东制造集团 ERP 升级项目", null, owner, amount, "A", "直销", "华东", "KA",
                false, LocalDate.of(2025, 6, 30), stage, closed ? ("LOST".equals(stage) ? 0 : 100) : 50,
                closed ? ("LOST".equals(stage) ? "OMITTED" : "CLOSED") : "BEST_CASE", Arrays.asList(splits),
                Money.zero(amount.currency()), CREATED, closed && !"LOST".equals(stage) ? changed : null,
                closed ? changed : null, null);
    }

    public static DealSnapshot deal(UUID id, long version, String stage, String owner, String amount, CreditSplit... splits) {
        return deal(id, version, stage, owner, Money.of(amount, "CNY"), splits);
    }

    public static CreditSplit split(String memberId, String percent) {
        return new CreditSplit(memberId, new BigDecimal(percent));
    }

    /** The deal event that carries {@code deal}: a stage change into booked or lost stages, otherwise an update. */
    public static DealEvent event(DealSnapshot deal) {
        boolean stageChange = deal.isBooked() || "LOST".equals(deal.stage());
        return new DealEvent(deal.id(), deal.version(), deal.closedAt() != null ? deal.closedAt() : CREATED,
                deal.ownerId(), stageChange ? "NEGOTIATION" : null, stageChange ? List.of() : List.of("amount"),
                null, deal);
    }

    public static String typeOf(DealEvent event) {
        return event.previousStage() != null ? EventTypes.DEAL_STAGE_CHANGED : EventTypes.DEAL_UPDATED;
    }

    public static String json(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CloudEvents binary-mode headers of a deal event. */
    public static Map<String, String> headers(String eventId, String type, UUID dealId, long version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, eventId);
        headers.put(CloudEventHeaders.SOURCE, PIPELINE_SOURCE);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SUBJECT, dealId.toString());
        headers.put(CloudEventHeaders.TIME, "2025-06-20T07:30:00Z");
        headers.put(CloudEventHeaders.AGGREGATE_VERSION, Long.toString(version));
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    /** Publishes {@code deal} on the deal topic under a new event id; returns that id. */
    public static String publish(DealSnapshot deal) {
        String eventId = UUID.randomUUID().toString();
        publish(eventId, deal);
        return eventId;
    }

    /** Publishes {@code deal} on the deal topic under {@code eventId}, as a redelivery would. */
    public static void publish(String eventId, DealSnapshot deal) {
        DealEvent event = event(deal);
        EventProbe.send(Topics.DEAL_EVENTS, deal.id().toString(), json(event),
                headers(eventId, typeOf(event), deal.id(), deal.version()));
    }

    /** Publishes {@code deal} as a {@code deal.updated} event naming {@code changedFields}; returns the event id. */
    public static String publishUpdate(DealSnapshot deal, String... changedFields) {
        String eventId = UUID.randomUUID().toString();
        DealEvent event = new DealEvent(deal.id(), deal.version(), CREATED.plusSeconds(3600 * deal.version()),
                deal.ownerId(), null, List.of(changedFields), null, deal);
        EventProbe.send(Topics.DEAL_EVENTS, deal.id().toString(), json(event),
                headers(eventId, EventTypes.DEAL_UPDATED, deal.id(), deal.version()));
        return eventId;
    }
}
