package io.attain.support.org;

import io.attain.events.EventTypes;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.events.Topics;
import io.attain.support.inbox.MalformedEventException;
import io.attain.testing.CloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The org read model against the real database: company → two departments → teams, managers of a team
 * and of a department, moves, stale and repeated events.
 */
@QuarkusTest
class OrgDirectoryTest {

    @Inject
    OrgDirectory directory;

    private final UUID company = UUID.randomUUID();
    private final UUID sales = UUID.randomUUID();
    private final UUID east = UUID.randomUUID();
    private final UUID west = UUID.randomUUID();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String director = "director-" + suffix;
    private final String eastLead = "east-lead-" + suffix;
    private final String westLead = "west-lead-" + suffix;
    private final String alice = "alice-" + suffix;
    private final String bob = "bob-" + suffix;

    @BeforeEach
    void organisation() {
        unit(company, 0, null, null);
        unit(sales, 0, company, director);
        unit(east, 0, sales, eastLead);
        unit(west, 0, sales, westLead);
        member(director, 0, sales, "MANAGER");
        member(eastLead, 0, east, "MANAGER");
        member(westLead, 0, west, "MANAGER");
        member(alice, 0, east, "REP");
        member(bob, 0, west, "REP");
    }

    @Test
    void shouldGiveATeamManagerTheirTeam() {
        assertThat(directory.managedBy(eastLead)).containsExactlyInAnyOrder(eastLead, alice);
        assertThat(directory.scopeOf(eastLead, false, true).memberIds()).containsExactlyInAnyOrder(eastLead, alice);
    }

    @Test
    void shouldGiveAHigherManagerTheWholeSubtree() {
        assertThat(directory.managedBy(director))
                .containsExactlyInAnyOrder(director, eastLead, westLead, alice, bob);
    }

    @Test
    void shouldGiveARepOnlyThemselvesAndFinanceEveryone() {
        MemberScope rep = directory.scopeOf(alice, false, false);
        assertThat(rep.all()).isFalse();
        assertThat(rep.memberIds()).containsExactly(alice);
        assertThat(rep.includes(bob)).isFalse();

        MemberScope finance = directory.scopeOf("finance-" + suffix, true, false);
        assertThat(finance.all()).isTrue();
        assertThat(finance.includes(bob)).isTrue();
    }

    @Test
    void shouldFollowAMoveToAnotherTeam() {
        member(alice, 1, west, "REP");

        assertThat(directory.managedBy(eastLead)).containsExactly(eastLead);
        assertThat(directory.managedBy(westLead)).containsExactlyInAnyOrder(westLead, alice, bob);
        assertThat(directory.orgUnitOf(alice)).contains(west);
    }

    @Test
    void shouldMoveAWholeSubtreeWithItsUnit() {
        UUID other = UUID.randomUUID();
        String otherDirector = "other-director-" + suffix;
        unit(other, 0, company, otherDirector);

        unit(east, 1, other, eastLead);

        assertThat(directory.managedBy(otherDirector)).containsExactlyInAnyOrder(eastLead, alice);
        assertThat(directory.managedBy(director)).doesNotContain(eastLead, alice);
    }

    @Test
    void shouldIgnoreAStaleOrRepeatedEvent() {
        member(alice, 3, west, "REP");
        member(alice, 2, east, "REP");

        assertThat(directory.orgUnitOf(alice)).contains(west);

        ConsumerRecord<String, String> record = membershipRecord(alice, 4, east);
        directory.receive(record);
        member(alice, 5, west, "REP");
        directory.receive(record);

        assertThat(directory.orgUnitOf(alice)).contains(west);
    }

    @Test
    void shouldDropAMembershipThatEnded() {
        MembershipEvent ended = new MembershipEvent(bob, 1, bob, null, west, List.of(company, sales, west), "REP",
                LocalDate.now().minusYears(1), LocalDate.now().minusDays(1), Instant.now());
        directory.receive(CloudEvents.record(Topics.ORG_EVENTS, EventTypes.MEMBERSHIP_CHANGED,
                CloudEvents.TARGETS_SOURCE, bob, 1, ended));

        assertThat(directory.managedBy(westLead)).containsExactly(westLead);
        assertThat(directory.orgUnitOf(bob)).isEmpty();
    }

    @Test
    void shouldListMembersOfAUnitWithOrWithoutDescendants() {
        assertThat(directory.membersOf(sales, false)).containsExactly(director);
        assertThat(directory.membersOf(sales, true))
                .containsExactlyInAnyOrder(director, eastLead, westLead, alice, bob);
        assertThat(directory.knowsUnit(east)).isTrue();
        assertThat(directory.knowsUnit(UUID.randomUUID())).isFalse();
    }

    @Test
    void shouldRefuseDataThatContradictsItsHeaders() {
        OrgUnitEvent unit = CloudEvents.orgUnit(east, 7, "East", sales, eastLead);
        ConsumerRecord<String, String> record = CloudEvents.record(Topics.ORG_EVENTS, EventTypes.ORG_UNIT_CHANGED,
                CloudEvents.TARGETS_SOURCE, west.toString(), 7, unit);

        assertThatThrownBy(() -> directory.receive(record)).isInstanceOf(MalformedEventException.class);
        assertThat(directory.managedBy(eastLead)).containsExactlyInAnyOrder(eastLead, alice);
    }

    private void unit(UUID id, long version, UUID parent, String manager) {
        directory.receive(CloudEvents.record(Topics.ORG_EVENTS, EventTypes.ORG_UNIT_CHANGED, CloudEvents.TARGETS_SOURCE,
                id.toString(), version, CloudEvents.orgUnit(id, version, "unit " + id, parent, manager)));
    }

    private void member(String memberId, long version, UUID unit, String role) {
        directory.receive(CloudEvents.record(Topics.ORG_EVENTS, EventTypes.MEMBERSHIP_CHANGED,
                CloudEvents.TARGETS_SOURCE, memberId, version, CloudEvents.membership(memberId, version, unit, role)));
    }

    private static ConsumerRecord<String, String> membershipRecord(String memberId, long version, UUID unit) {
        return CloudEvents.record(Topics.ORG_EVENTS, EventTypes.MEMBERSHIP_CHANGED, CloudEvents.TARGETS_SOURCE,
                memberId, version, CloudEvents.membership(memberId, version, unit, "REP"));
    }
}
