package io.attain.pipeline.crm;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** A CRM user (by the CRM's user id or e-mail address) as the Keycloak user they are in Attain. */
@Entity
@Table(name = "crm_user_mapping")
@IdClass(CrmUserMapping.Key.class)
public class CrmUserMapping extends PanacheEntityBase {

    @Id
    @Column(name = "crm_system")
    public String crmSystem;

    /** The CRM's user id, or an e-mail address in lower case. */
    @Id
    @Column(name = "crm_user")
    public String crmUser;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    /** E-mail addresses are matched in any case; CRM user ids exactly. */
    static String normalise(String crmUser) {
        return crmUser.indexOf('@') >= 0 ? crmUser.strip().toLowerCase(Locale.ROOT) : crmUser.strip();
    }

    public static class Key implements Serializable {
        public String crmSystem;
        public String crmUser;

        public Key() {
        }

        public Key(String crmSystem, String crmUser) {
            this.crmSystem = crmSystem;
            this.crmUser = crmUser;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && crmSystem.equals(other.crmSystem) && crmUser.equals(other.crmUser);
        }

        @Override
        public int hashCode() {
            return Objects.hash(crmSystem, crmUser);
        }
    }
}
