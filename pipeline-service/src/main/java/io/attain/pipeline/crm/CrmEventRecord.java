package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.CrmEventResult;
import io.attain.pipeline.crm.CrmDtos.Outcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An accepted CRM event and its outcome, kept so that a repeat of its id is answered the same. Never changed. */
@Entity
@Table(name = "crm_event")
@IdClass(CrmEventRecord.Key.class)
public class CrmEventRecord extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "crm_system", nullable = false)
    public String crmSystem;

    @Column(name = "crm_deal_id", nullable = false)
    public String crmDealId;

    /** {@link Outcome#APPLIED} or {@link Outcome#IGNORED_STALE}: the outcomes of accepted events. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome result;

    @Column(name = "deal_id", nullable = false)
    public UUID dealId;

    @Column(name = "deal_version", nullable = false)
    public long dealVersion;

    @Column(name = "crm_version")
    public Long crmVersion;

    @Column(name = "crm_updated_at")
    public Instant crmUpdatedAt;

    @Column(name = "accepted_at", nullable = false)
    public Instant acceptedAt;

    CrmEventResult asResult() {
        return new CrmEventResult(null, eventId, result, null, dealId, dealVersion, acceptedAt, null);
    }

    CrmEventResult asDuplicate() {
        return new CrmEventResult(null, eventId, Outcome.DUPLICATE, result, dealId, dealVersion, acceptedAt, null);
    }

    public static class Key implements Serializable {
        public String clientId;
        public String eventId;

        public Key() {
        }

        public Key(String clientId, String eventId) {
            this.clientId = clientId;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && clientId.equals(other.clientId) && eventId.equals(other.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, eventId);
        }
    }
}
