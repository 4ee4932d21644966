package io.attain.targets.attainment;

import java.util.Objects;

/** Whose deals count: one member, the members of an org unit's subtree, or everyone. */
public sealed interface OwnerScope {

    record Member(String memberId) implements OwnerScope {
        public Member {
            Objects.requireNonNull(memberId, "memberId");
        }
    }

    /** @param path the unit's tree path (ids from the root, '/'-separated); members of it and every unit below */
    record Subtree(String path) implements OwnerScope {
        public Subtree {
            Objects.requireNonNull(path, "path");
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
