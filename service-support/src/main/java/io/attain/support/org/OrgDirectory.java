package io.attain.support.org;

import io.attain.events.EventTypes;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.support.inbox.Inbox;
import io.attain.support.inbox.IncomingEvent;
import io.attain.support.inbox.MalformedEventException;
import io.attain.support.security.Caller;
import io.attain.support.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A service's copy of the sales organisation, built from {@code targets.org-events.v1}, answering who a
 * manager manages. targets-service owns the organisation; this read model only follows its events, so it
 * may lag by the time an event takes to arrive.
 *
 * <p>A manager manages every member of each unit they are the manager of and of all units below it. The
 * subtree is walked through {@code parent_id} at query time, so a unit moved elsewhere takes its whole
 * subtree with it as soon as its own event arrives. A membership counts while today lies before its
 * {@code effectiveTo}; the latest event of a member is their current membership.
 */
@ApplicationScoped
public class OrgDirectory {

    /** Inbox consumer name; shared by every service, each with its own database. */
    static final String CONSUMER = "org-directory";

    @Inject
    EntityManager em;

    @Inject
    Inbox inbox;

    Clock clock = Clock.systemUTC();

    /** Applies one org event record, once, ignoring repeats and stale versions. */
    @Transactional
    public void receive(ConsumerRecord<String, String> record) {
        inbox.receive(CONSUMER, record, EventTypes.ORG_EVENTS).ifPresent(this::apply);
    }

    private void apply(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.ORG_UNIT_CHANGED -> {
                OrgUnitEvent unit = event.data(OrgUnitEvent.class);
                event.requireAbout("org unit", unit.orgUnitId(), unit.version());
                if (unit.name() == null || unit.name().isBlank()) {
                    throw new MalformedEventException("org unit event " + event.id() + " has no name");
                }
                em.createNativeQuery("""
                                insert into org_directory_unit (id, parent_id, name, manager_id, active, version)
                                values (:id, :parent, :name, :manager, :active, :version)
                                on conflict (id) do update set parent_id = excluded.parent_id, name = excluded.name,
                                    manager_id = excluded.manager_id, active = excluded.active, version = excluded.version""")
                        .setParameter("id", unit.orgUnitId())
                        .setParameter("parent", unit.parentId())
                        .setParameter("name", unit.name())
                        .setParameter("manager", unit.managerId())
                        .setParameter("active", unit.active())
                        .setParameter("version", unit.version())
                        .executeUpdate();
            }
            case EventTypes.MEMBERSHIP_CHANGED -> {
                MembershipEvent member = event.data(MembershipEvent.class);
                event.requireAbout("membership", member.memberId(), member.version());
                if (member.orgUnitId() == null || member.role() == null) {
                    throw new MalformedEventException("membership event " + event.id() + " has no org unit or role");
                }
                em.createNativeQuery("""
                                insert into org_directory_member
                                    (member_id, org_unit_id, role, display_name, effective_from, effective_to, version)
                                values (:member, :unit, :role, :name, :from, :to, :version)
                                on conflict (member_id) do update set org_unit_id = excluded.org_unit_id,
                                    role = excluded.role, display_name = excluded.display_name,
                                    effective_from = excluded.effective_from, effective_to = excluded.effective_to,
                                    version = excluded.version""")
                        .setParameter("member", member.memberId())
                        .setParameter("unit", member.orgUnitId())
                        .setParameter("role", member.role())
                        .setParameter("name", member.displayName())
                        .setParameter("from", member.effectiveFrom())
                        .setParameter("to", member.effectiveTo())
                        .setParameter("version", member.version())
                        .executeUpdate();
            }
            default -> throw new IllegalStateException("unexpected org event type " + event.type());
        }
    }

    /**
     * Whose records the caller sees: finance, admin and the CRM integration everyone's; a manager their
     * own and their subtree's; anyone else only their own.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public MemberScope scopeOf(Caller caller) {
        return scopeOf(caller.id(), caller.seesEverything() || caller.is(Roles.CRM_INTEGRATION),
                caller.is(Roles.MANAGER));
    }

    MemberScope scopeOf(String callerId, boolean seesEverything, boolean manager) {
        if (seesEverything) {
            return MemberScope.everyone();
        }
        Set<String> members = new HashSet<>();
        members.add(callerId);
        if (manager) {
            members.addAll(managedBy(callerId));
        }
        return MemberScope.only(members);
    }

    /** Current members of the units {@code managerId} manages and of every unit below them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Set<String> managedBy(String managerId) {
        List<String> ids = em.createNativeQuery("""
                        with recursive managed(id) as (
                            select id from org_directory_unit where manager_id = :manager and active
                            union
                            select u.id from org_directory_unit u join managed m on u.parent_id = m.id where u.active
                        )
                        select member_id from org_directory_member
                        where org_unit_id in (select id from managed) and (effective_to is null or effective_to >= :today)""")
                .setParameter("manager", managerId)
                .setParameter("today", LocalDate.now(clock))
                .getResultList();
        return Set.copyOf(ids);
    }

    /** Current members of one unit, and of the units below it when {@code includeDescendants}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Set<String> membersOf(UUID orgUnitId, boolean includeDescendants) {
        String units = includeDescendants
                ? """
                  with recursive units(id) as (
                      select cast(:unit as uuid)
                      union
                      select u.id from org_directory_unit u join units p on u.parent_id = p.id where u.active
                  )
                  select id from units"""
                : "select cast(:unit as uuid)";
        List<String> ids = em.createNativeQuery("""
                        select member_id from org_directory_member
                        where org_unit_id in (%s) and (effective_to is null or effective_to >= :today)"""
                        .formatted(units))
                .setParameter("unit", orgUnitId)
                .setParameter("today", LocalDate.now(clock))
                .getResultList();
        return Set.copyOf(ids);
    }

    /** Whether the unit is known to this read model. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean knowsUnit(UUID orgUnitId) {
        return !em.createNativeQuery("select 1 from org_directory_unit where id = :id")
                .setParameter("id", orgUnitId)
                .getResultList().isEmpty();
    }

    /** The unit the member currently belongs to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Optional<UUID> orgUnitOf(String memberId) {
        List<UUID> units = em.createNativeQuery("""
                        select org_unit_id from org_directory_member
                        where member_id = :member and (effective_to is null or effective_to >= :today)""")
                .setParameter("member", memberId)
                .setParameter("today", LocalDate.now(clock))
                .getResultList();
        return units.stream().findFirst();
    }
}
