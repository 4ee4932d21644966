package io.attain.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.attain.events.CloudEventHeaders;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents as another service would publish them, for tests of consumers: binary-mode headers, the
 * data as the contract's JSON. {@link #send} puts one on the real test broker; {@link #record} builds the
 * consumer record without a broker.
 */
public final class CloudEvents {

    public static final String TARGETS_SOURCE = "/attain/targets-service";

    private CloudEvents() {
    }

    /** Publishes an org unit as targets-service does; {@code parentId} and {@code managerId} may be null. */
    public static void sendOrgUnit(UUID orgUnitId, long version, String name, UUID parentId, String managerId) {
        OrgUnitEvent unit = orgUnit(orgUnitId, version, name, parentId, managerId);
        send(Topics.ORG_EVENTS, EventTypes.ORG_UNIT_CHANGED, TARGETS_SOURCE, orgUnitId.toString(), version, unit);
    }

    /** Publishes a current membership (from today, open-ended) as targets-service does. */
    public static void sendMembership(String memberId, long version, UUID orgUnitId, String role) {
        MembershipEvent membership = membership(memberId, version, orgUnitId, role);
        send(Topics.ORG_EVENTS, EventTypes.MEMBERSHIP_CHANGED, TARGETS_SOURCE, memberId, version, membership);
    }

    public static OrgUnitEvent orgUnit(UUID orgUnitId, long version, String name, UUID parentId, String managerId) {
        List<UUID> path = parentId == null ? List.of(orgUnitId) : List.of(parentId, orgUnitId);
        return new OrgUnitEvent(orgUnitId, version, name, parentId == null ? "COMPANY" : "TEAM", parentId, path,
                managerId, true, Instant.now());
    }

    public static MembershipEvent membership(String memberId, long version, UUID orgUnitId, String role) {
        return new MembershipEvent(memberId, version, memberId, null, orgUnitId, List.of(orgUnitId), role,
                LocalDate.now().minusDays(1), null, Instant.now());
    }

    /** Sends {@code data} as a CloudEvent keyed by its subject and waits for the broker's acknowledgement. */
    public static void send(String topic, String type, String source, String subject, long version, Object data) {
        EventProbe.send(topic, subject, json(data), headers(type, source, subject, version));
    }

    /** The consumer record a service would receive for {@code data}. */
    public static ConsumerRecord<String, String> record(String topic, String type, String source, String subject,
                                                        long version, Object data) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, 0L, subject, json(data));
        headers(type, source, subject, version)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    public static Map<String, String> headers(String type, String source, String subject, long version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.AGGREGATE_VERSION, Long.toString(version));
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    private static String json(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write test event data " + data, e);
        }
    }
}
