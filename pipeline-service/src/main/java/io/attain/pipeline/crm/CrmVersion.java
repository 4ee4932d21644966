package io.attain.pipeline.crm;

import java.time.Instant;

/**
 * Where a delivery stands in the CRM's history of a deal: the CRM's version number, its update time, or both.
 * Deliveries are applied only when newer than the last applied one, so any delivery order ends at the CRM's
 * latest state. A CRM should send the same kind consistently; versions decide when both sides have one.
 */
record CrmVersion(Long version, Instant updatedAt) {

    /**
     * Newer when the version is higher; when either side has no version or both have the same, when the update
     * time is later. Equal or incomparable positions are not newer: the first delivery of a position wins.
     */
    boolean isNewerThan(CrmVersion applied) {
        if (version != null && applied.version != null && !version.equals(applied.version)) {
            return version > applied.version;
        }
        if (updatedAt != null && applied.updatedAt != null) {
            return updatedAt.isAfter(applied.updatedAt);
        }
        return false;
    }
}
