package io.attain.targets.api;

import io.attain.targets.domain.OrgUnit;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@link OrgUnitResource}. */
public final class OrgUnitDtos {

    public record CreateOrgUnit(
            @NotBlank @Size(max = 200) String name,
            @NotNull OrgUnit.Kind kind,
            UUID parentId,
            @Size(max = 100) String managerId) {
    }

    /** @param parentId the unit to move under; it must not lie within the moved unit's subtree */
    public record MoveOrgUnit(@NotNull UUID parentId) {
    }

    /** @param managerId the new manager's Keycloak user id; null leaves the unit without a manager */
    public record ChangeManager(@Size(max = 100) String managerId) {
    }

    public record OrgUnitView(UUID id, String name, OrgUnit.Kind kind, UUID parentId, List<UUID> path,
                              String managerId, boolean active, long version) {
        public static OrgUnitView of(OrgUnit unit) {
            return new OrgUnitView(unit.id, unit.name, unit.kind, unit.parentId, unit.pathIds(), unit.managerId,
                    unit.active, unit.version);
        }
    }

    private OrgUnitDtos() {
    }
}
