package io.attain.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person's membership of an org unit as it stands after a change.
 *
 * @param memberId      Keycloak user id (the token's {@code sub})
 * @param version       the member's version; each move or change increments it
 * @param role          {@code REP} or {@code MANAGER}
 * @param orgUnitPath   ids from the root down to the member's unit
 * @param effectiveFrom first day the membership counts
 * @param effectiveTo   last day it counts, or {@code null} while open-ended
 */
public record MembershipEvent(
        String memberId,
        long version,
        String displayName,
        String email,
        UUID orgUnitId,
        List<UUID> orgUnitPath,
        String role,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        Instant occurredAt) {

    public MembershipEvent {
        orgUnitPath = orgUnitPath == null ? List.of() : List.copyOf(orgUnitPath);
    }
}
