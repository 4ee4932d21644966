package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A team for the window: its target, its members (whose credit counts toward the target) and, for the
 * manager override, its manager.
 *
 * @param managerId {@code null} when no one earns an override on this team
 */
public record Team(String teamId, Money target, List<String> memberIds, String managerId) {

    public Team {
        if (teamId == null || teamId.isBlank()) {
            throw new InvalidCommissionInputException("a team needs an id");
        }
        if (target == null || target.isNegative() || target.isZero()) {
            throw new InvalidCommissionInputException("team " + teamId + " needs a target above zero, was " + target);
        }
        if (memberIds == null || memberIds.isEmpty()) {
            throw new InvalidCommissionInputException("team " + teamId + " has no members");
        }
        memberIds = List.copyOf(memberIds);
        Set<String> seen = new HashSet<>();
        for (String member : memberIds) {
            if (member == null || member.isBlank()) {
                throw new InvalidCommissionInputException("team " + teamId + " lists a blank member");
            }
            if (!seen.add(member)) {
                throw new InvalidCommissionInputException("team " + teamId + " lists member " + member + " twice");
            }
        }
        if (managerId != null && managerId.isBlank()) {
            throw new InvalidCommissionInputException("team " + teamId + " names a blank manager");
        }
    }
}
