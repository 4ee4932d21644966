package io.attain.targets.api;

import io.attain.targets.domain.Member;
import io.attain.targets.domain.Membership;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@link MemberResource}. */
public final class MemberDtos {

    /** @param memberId the person's Keycloak user id (their tokens' {@code sub}) */
    public record CreateMember(
            @NotBlank @Size(max = 100) String memberId,
            @NotBlank @Size(max = 200) String displayName,
            @Email @Size(max = 320) String email,
            @NotNull UUID orgUnitId,
            @NotNull Member.Role role,
            LocalDate effectiveFrom) {
    }

    /**
     * @param orgUnitId     the unit the person moves to
     * @param role          the role there; unchanged when absent
     * @param effectiveFrom first day in the new unit (default today); the current membership ends the day before
     */
    public record MoveMember(@NotNull UUID orgUnitId, Member.Role role, LocalDate effectiveFrom) {
    }

    /** @param effectiveTo last day of the person's membership (default today) */
    public record DeactivateMember(LocalDate effectiveTo) {
    }

    /** The person's latest membership; {@code active} is false once they have left. */
    public record MemberView(String memberId, String displayName, String email, UUID orgUnitId, Member.Role role,
                             LocalDate effectiveFrom, LocalDate effectiveTo, boolean active, long version) {
        public static MemberView of(Member member) {
            return new MemberView(member.memberId, member.displayName, member.email, member.orgUnitId, member.role,
                    member.effectiveFrom, member.effectiveTo, member.active, member.version);
        }
    }

    public record MembershipView(UUID id, UUID orgUnitId, Member.Role role, LocalDate effectiveFrom,
                                 LocalDate effectiveTo, String createdBy, Instant createdAt) {
        public static MembershipView of(Membership membership) {
            return new MembershipView(membership.id, membership.orgUnitId, membership.role, membership.effectiveFrom,
                    membership.effectiveTo, membership.createdBy, membership.createdAt);
        }
    }

    /** @param memberships every membership the person had, oldest first */
    public record MembershipHistoryView(String memberId, List<MembershipView> memberships) {
    }

    private MemberDtos() {
    }
}
