package io.attain.targets.attainment;

import java.util.Objects;
import java.util.UUID;

/** Whose deals count: one member, the members of an org unit's subtree, or everyone. */
public sealed interface OwnerScope {

    record Member(String memberId) implements OwnerScope {
        public Member {
            Objects.requireNonNull(memberId, "memberId");
        }
    }

    /**
     * @param path the unit's tree path (ids from the root, '/'-separated); members of it and every unit below
     *             (for daily actuals: the members credited to it or a unit below on the day, see {@link ActualsRollup})
     */
    record Subtree(String path) implements OwnerScope {
        public Subtree {
            Objects.requireNonNull(path, "path");
        }

        /** The unit itself: the last id of its path. */
        public UUID unitId() {
            return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        }
    }

    record Everyone() implements OwnerScope {
    }

    static OwnerScope member(String memberId) {
        return new Member(memberId);
    }

    static OwnerScope subtree(String path) {
        return new Subtree(path);
    }

    static OwnerScope everyone() {
        return new Everyone();
    }
}
