package io.attain.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An org unit as it stands after a change.
 *
 * @param path      ids from the root down to and including this unit, so consumers can test subtree
 *                  membership without walking the tree
 * @param managerId Keycloak user id of the unit's manager, or {@code null}
 * @param active    {@code false} once the unit is closed
 */
public record OrgUnitEvent(
        UUID orgUnitId,
        long version,
        String name,
        String kind,
        UUID parentId,
        List<UUID> path,
        String managerId,
        boolean active,
        Instant occurredAt) {

    public OrgUnitEvent {
        path = path == null ? List.of() : List.copyOf(path);
    }
}
