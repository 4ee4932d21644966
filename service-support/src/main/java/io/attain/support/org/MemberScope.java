package io.attain.support.org;

import java.util.Set;

/**
 * The members whose records a caller may see: everyone, or an explicit set of member (Keycloak user) ids.
 *
 * @param all       whether the caller sees every member's records
 * @param memberIds the members seen when not {@code all}; empty when {@code all}
 */
public record MemberScope(boolean all, Set<String> memberIds) {

    private static final MemberScope EVERYONE = new MemberScope(true, Set.of());

    public MemberScope {
        memberIds = Set.copyOf(memberIds);
    }

    public static MemberScope everyone() {
        return EVERYONE;
    }

    public static MemberScope only(Set<String> memberIds) {
        return new MemberScope(false, memberIds);
    }

    public boolean includes(String memberId) {
        return all || memberIds.contains(memberId);
    }
}
