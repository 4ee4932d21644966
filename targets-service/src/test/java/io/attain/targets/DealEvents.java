package io.attain.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.DealSnapshot;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deal snapshots and deal events as pipeline-service publishes them (CloudEvents binary mode on the real
 * test broker), for the attainment tests. Each builder step returns a new snapshot one version later.
 */
public final class DealEvents {

    public static final String PIPELINE_SOURCE = "/attain/pipeline-service";

    private DealEvents() {
    }

    /** A deal's state; {@link #to}, {@link #owner}, {@link #amount} give the next version. */
    public record Deal(UUID id, long version, String owner, Money amount, String productLine, String region,
                       boolean newCustomer, String stage, Instant createdAt, Instant wonAt, Instant closedAt) {

        public static Deal lead(String owner, String amount, Instant createdAt) {
            return new Deal(UUID.randomUUID(), 1, owner, Money.of(amount, "CNY"), "A", "华东", false, "LEAD",
                    createdAt, null, null);
        }

        public Deal to(String next, Instant at) {
            boolean won = "WON".equals(next);
            boolean booked = won || "COLLECTED".equals(next);
            boolean closed = booked || "LOST".equals(next);
            // entering WON or LOST closes the deal now; COLLECTED keeps the win date; an open stage reopens it
            return new Deal(id, version + 1, owner, amount, productLine, region, newCustomer, next, createdAt,
                    won ? at : wonAt, closed ? (booked && !won ? closedAt : at) : null);
        }

        public Deal owner(String newOwner) {
            return new Deal(id, version + 1, newOwner, amount, productLine, region, newCustomer, stage, createdAt, wonAt,
                    closedAt);
        }

        public Deal amount(String newAmount) {
            return new Deal(id, version + 1, owner, Money.of(newAmount, "CNY"), productLine, region, newCustomer, stage,
                    createdAt, wonAt, closedAt);
        }

        public Deal productLine(String line) {
            return new Deal(id, version, owner, amount, line, region, newCustomer, stage, createdAt, wonAt, closedAt);
        }

        public Deal asNewCustomer() {
            return new Deal(id, version, owner, amount, productLine, region, true, stage, createdAt, wonAt, closedAt);
        }

        /** The same state one version later, as a payment event carries it. */
        public Deal next() {
            return new Deal(id, version + 1, owner, amount, productLine, region, newCustomer, stage, createdAt, wonAt,
                    closedAt);
        }

        DealSnapshot snapshot() {
            boolean booked = "WON".equals(stage) || "COLLECTED".equals(stage);
            return new DealSnapshot(id, version, "华东制造集团 ERP 升级项目", null, owner, amount, productLine, "直销",
                    region, "KA", newCustomer, LocalDate.of(2026, 3, 31), stage, booked ? 100 : 50,
                    booked ? "CLOSED" : "PIPELINE", List.of(), Money.zero(amount.currency()), createdAt, wonAt, closedAt,
                    null);
        }
    }

    /** Publishes the deal's current version: created for version 1, otherwise a stage change. */
    public static String publish(Deal deal) {
        return publish(UUID.randomUUID().toString(), deal, deal.version() == 1 ? EventTypes.DEAL_CREATED
                : EventTypes.DEAL_STAGE_CHANGED, null);
    }

    /** Publishes the deal's current version as a {@code deal.updated} event. */
    public static String publishUpdate(Deal deal) {
        return publish(UUID.randomUUID().toString(), deal, EventTypes.DEAL_UPDATED, null);
    }

    /** Publishes a payment (or its reversal) on the deal's current version. */
    public static String publishPayment(Deal deal, UUID paymentId, String amount, LocalDate receivedOn, UUID reverses) {
        PaymentChange payment = new PaymentChange(paymentId, Money.of(amount, "CNY"), receivedOn, reverses != null,
                reverses);
        return publish(UUID.randomUUID().toString(), deal, reverses != null ? EventTypes.DEAL_PAYMENT_REVERSED
                : EventTypes.DEAL_PAYMENT_RECORDED, payment);
    }

    /** Publishes under {@code eventId}, as a redelivery of an earlier event would. */
    public static String publish(String eventId, Deal deal, String type, PaymentChange payment) {
        DealSnapshot snapshot = deal.snapshot();
        Instant at = deal.closedAt() != null ? deal.closedAt() : deal.createdAt();
        DealEvent event = new DealEvent(deal.id(), deal.version(), at, deal.owner(), null,
                EventTypes.DEAL_UPDATED.equals(type) ? List.of("amount", "ownerId") : List.of(), payment, snapshot);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, eventId);
        headers.put(CloudEventHeaders.SOURCE, PIPELINE_SOURCE);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SUBJECT, deal.id().toString());
        headers.put(CloudEventHeaders.TIME, at.toString());
        headers.put(CloudEventHeaders.AGGREGATE_VERSION, Long.toString(deal.version()));
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        EventProbe.send(Topics.DEAL_EVENTS, deal.id().toString(), json(event), headers);
        return eventId;
    }

    static String json(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
