package io.attain.targets.api;

import io.attain.targets.domain.Member;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
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

    public record MemberView(String memberId, String displayName, String email, UUID orgUnitId, Member.Role role,
                             LocalDate effectiveFrom, LocalDate effectiveTo, long version) {
        public static MemberView of(Member member) {
            return new MemberView(member.memberId, member.displayName, member.email, member.orgUnitId, member.role,
                    member.effectiveFrom, member.effectiveTo, member.version);
        }
    }

    private MemberDtos() {
    }
}
