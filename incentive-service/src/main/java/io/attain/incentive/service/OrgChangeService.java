package io.attain.incentive.service;

import io.attain.events.EventTypes;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.support.inbox.Inbox;
import io.attain.support.inbox.IncomingEvent;
import io.attain.support.org.OrgDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Org events into the org read model ({@link OrgDirectory}), and their effect on statements: a member moving
 * between units changes both teams' bonus pools and managers' overrides, a unit changing manager moves the
 * override. The members concerned before and after the change are marked stale in the same transaction.
 */
@ApplicationScoped
@Transactional
public class OrgChangeService {

    @Inject
    OrgDirectory orgDirectory;

    @Inject
    LedgerCalendar calendar;

    @Inject
    EntityManager em;

    /** Applies one record of {@code targets.org-events.v1}; malformed records fail as {@link OrgDirectory#receive} decides. */
    public void apply(ConsumerRecord<String, String> record) {
        Set<String> concerned = concernedBy(record);
        orgDirectory.receive(record);
        concerned.addAll(concernedBy(record));
        calendar.markMembersStale(concerned);
    }

    /**
     * Whose statements the org event's subject decides, as the read model stands: for a membership the member and
     * their unit's members and manager; for a unit its members and manager. Nothing for a record that does not
     * read as an org event (receiving it says why).
     */
    private Set<String> concernedBy(ConsumerRecord<String, String> record) {
        Set<String> concerned = new TreeSet<>();
        try {
            IncomingEvent event = Inbox.parse(record);
            switch (event.type()) {
                case EventTypes.MEMBERSHIP_CHANGED -> {
                    MembershipEvent membership = event.data(MembershipEvent.class);
                    if (membership.memberId() != null) {
                        concerned.add(membership.memberId());
                        orgDirectory.orgUnitOf(membership.memberId()).ifPresent(unit -> addTeam(unit, concerned));
                    }
                }
                case EventTypes.ORG_UNIT_CHANGED -> {
                    OrgUnitEvent unit = event.data(OrgUnitEvent.class);
                    if (unit.orgUnitId() != null) {
                        addTeam(unit.orgUnitId(), concerned);
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException unreadable) {
            return concerned;
        }
        return concerned;
    }

    private void addTeam(UUID unit, Set<String> concerned) {
        concerned.addAll(orgDirectory.membersOf(unit, false));
        @SuppressWarnings("unchecked")
        List<String> managers = em.createNativeQuery(
                        "select manager_id from org_directory_unit where id = :unit and manager_id is not null")
                .setParameter("unit", unit).getResultList();
        concerned.addAll(managers);
    }
}
