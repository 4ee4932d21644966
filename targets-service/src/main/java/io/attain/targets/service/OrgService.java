package io.attain.targets.service;

import io.attain.events.EventTypes;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.events.Topics;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.attain.targets.api.MemberDtos.CreateMember;
import io.attain.targets.api.MemberDtos.DeactivateMember;
import io.attain.targets.api.MemberDtos.MoveMember;
import io.attain.targets.api.OrgUnitDtos.CreateOrgUnit;
import io.attain.targets.api.OrgUnitDtos.MoveOrgUnit;
import io.attain.targets.attainment.ActualsRollup;
import io.attain.targets.domain.Member;
import io.attain.targets.domain.Membership;
import io.attain.targets.domain.OrgUnit;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.hibernate.jdbc.Work;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Org units and effective-dated memberships; every change is published as an org event through the
 * outbox, in the same transaction. A change that refers to an unknown or closed unit, would make the tree
 * cyclic, or breaks a member's history is refused before anything is written.
 */
@ApplicationScoped
@Transactional
public class OrgService {

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    public OrgUnit createUnit(CreateOrgUnit request) {
        OrgUnit parent = null;
        if (request.kind() == OrgUnit.Kind.COMPANY) {
            if (request.parentId() != null) {
                throw ProblemException.invalidField("parentId", "a COMPANY is a root and has no parent");
            }
        } else {
            if (request.parentId() == null) {
                throw ProblemException.invalidField("parentId", "a " + request.kind() + " needs a parent unit");
            }
            parent = OrgUnit.findById(request.parentId());
            if (parent == null) {
                throw ProblemException.invalidField("parentId", "org unit " + request.parentId() + " does not exist");
            }
            requireActive(parent, "parentId");
        }
        UUID parentId = parent == null ? null : parent.id;
        requireFreeName(request.name(), parentId, null);
        OrgUnit unit = new OrgUnit();
        unit.id = UUID.randomUUID();
        unit.name = request.name().strip();
        unit.kind = request.kind();
        unit.parentId = parentId;
        unit.path = parent == null ? unit.id.toString() : parent.path + "/" + unit.id;
        unit.managerId = request.managerId();
        unit.createdAt = Instant.now();
        unit.persistAndFlush();
        publish(unit, unit.createdAt);
        return unit;
    }

    /**
     * Re-parents a unit with its whole subtree. Every unit whose path changes is published again, and so is
     * every member of the subtree, since their events carry the path too.
     */
    public OrgUnit moveUnit(UUID id, MoveOrgUnit request) {
        lockRollup();
        OrgUnit unit = lockedUnit(id);
        requireActive(unit, "id");
        if (unit.kind == OrgUnit.Kind.COMPANY) {
            throw new ProblemException(422, "org-root-cannot-move", "A company cannot move",
                    "org unit " + unit.name + " is a COMPANY, the root of its tree; only departments and teams move");
        }
        OrgUnit parent = OrgUnit.findById(request.parentId());
        if (parent == null) {
            throw ProblemException.invalidField("parentId", "org unit " + request.parentId() + " does not exist");
        }
        if (unit.contains(parent)) {
            String detail = parent.id.equals(unit.id) ? "an org unit cannot be its own parent"
                    : "org unit " + parent.name + " lies below " + unit.name + ": moving it there would make a cycle";
            throw new ProblemException(422, "org-cycle", "Cycle in the org tree", detail,
                    List.of(new Problem.FieldError("parentId", detail)));
        }
        requireActive(parent, "parentId");
        if (parent.id.equals(unit.parentId)) {
            throw new ProblemException(422, "org-unit-unchanged", "Nothing to move",
                    "org unit " + unit.name + " already sits under " + parent.name);
        }
        requireFreeName(unit.name, parent.id, unit.id);

        String oldPath = unit.path;
        String newPath = parent.path + "/" + unit.id;
        // the unit's actuals (its whole subtree's) now count for the new ancestors instead of the old ones
        List<UUID> oldAncestors = unit.pathIds().subList(0, unit.pathIds().size() - 1);
        List<UUID> newAncestors = parent.pathIds();
        List<UUID> left = oldAncestors.stream().filter(ancestor -> !newAncestors.contains(ancestor)).toList();
        List<UUID> joined = newAncestors.stream().filter(ancestor -> !oldAncestors.contains(ancestor)).toList();
        rollup(connection -> ActualsRollup.moveUnit(connection, unit.id, left, joined));
        List<OrgUnit> subtree = OrgUnit.<OrgUnit>list("path = ?1 or path like ?2", oldPath, oldPath + "/%")
                .stream().sorted(Comparator.comparingInt((OrgUnit u) -> u.path.length())).toList();
        unit.parentId = parent.id;
        for (OrgUnit moved : subtree) {
            moved.path = newPath + moved.path.substring(oldPath.length());
        }
        OrgUnit.getEntityManager().flush();
        Instant now = Instant.now();
        for (OrgUnit moved : subtree) {
            publish(moved, now);
        }
        List<UUID> unitIds = subtree.stream().map(u -> u.id).toList();
        for (Member member : Member.<Member>list("orgUnitId in ?1", unitIds)) {
            // the member row itself is unchanged, but its events carry the path: a new version tells consumers
            Member.getEntityManager().lock(member, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        }
        OrgUnit.getEntityManager().flush();
        for (Member member : Member.<Member>list("orgUnitId in ?1", unitIds)) {
            publish(member, now);
        }
        return unit;
    }

    public OrgUnit changeManager(UUID id, String managerId) {
        OrgUnit unit = lockedUnit(id);
        requireActive(unit, "id");
        String manager = managerId == null || managerId.isBlank() ? null : managerId.strip();
        if (Objects.equals(manager, unit.managerId)) {
            throw new ProblemException(422, "org-unit-unchanged", "Nothing to change",
                    "org unit " + unit.name + " is already managed by " + (manager == null ? "nobody" : manager));
        }
        unit.managerId = manager;
        OrgUnit.getEntityManager().flush();
        publish(unit, Instant.now());
        return unit;
    }

    /** Closes a unit; only an empty one (no open memberships, no open sub-units) can be closed. */
    public OrgUnit deactivateUnit(UUID id) {
        OrgUnit unit = lockedUnit(id);
        requireActive(unit, "id");
        long members = Member.count("orgUnitId = ?1 and active = true", unit.id);
        long children = OrgUnit.count("parentId = ?1 and active = true", unit.id);
        if (members > 0 || children > 0) {
            throw ProblemException.conflict("org-unit-not-empty", "Org unit not empty", "org unit " + unit.name
                    + " still has " + members + " active member(s) and " + children
                    + " active sub-unit(s): move or deactivate them first");
        }
        unit.active = false;
        OrgUnit.getEntityManager().flush();
        publish(unit, Instant.now());
        return unit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OrgUnit> findUnit(UUID id) {
        return OrgUnit.findByIdOptional(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<OrgUnit> listUnits(PageParams page) {
        var query = OrgUnit.<OrgUnit>findAll(Sort.by("path"));
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    public Member createMember(CreateMember request) {
        lockRollup();
        OrgUnit unit = OrgUnit.findById(request.orgUnitId());
        if (unit == null) {
            throw ProblemException.invalidField("orgUnitId", "org unit " + request.orgUnitId() + " does not exist");
        }
        requireActive(unit, "orgUnitId");
        if (Member.findById(request.memberId()) != null) {
            throw ProblemException.conflict("duplicate-member", "Duplicate member",
                    "member " + request.memberId() + " already exists");
        }
        Member member = new Member();
        member.memberId = request.memberId();
        member.displayName = request.displayName().strip();
        member.email = request.email();
        member.orgUnitId = unit.id;
        member.role = request.role();
        member.effectiveFrom = request.effectiveFrom() == null ? LocalDate.now() : request.effectiveFrom();
        member.createdAt = Instant.now();
        member.persistAndFlush();
        openMembership(member, member.createdAt);
        // deals this person owns that arrived before they were a member are credited to their unit from now on
        rollup(connection -> ActualsRollup.add(connection, ActualsRollup.ofOwner(connection, member.memberId)));
        publish(member, member.createdAt);
        return member;
    }

    /**
     * Moves a person to another unit (and optionally role) from {@code effectiveFrom}: the open membership ends
     * the day before, a new one starts. The history keeps both. Actuals are credited by the membership on their
     * day, so what the person achieved from {@code effectiveFrom} on moves to the new unit and the rest stays.
     */
    public Member moveMember(String memberId, MoveMember request) {
        lockRollup();
        Member member = lockedMember(memberId);
        Map<ActualsRollup.Cell, BigDecimal> before =
                rollupRead(connection -> ActualsRollup.ofOwner(connection, memberId));
        OrgUnit unit = OrgUnit.findById(request.orgUnitId());
        if (unit == null) {
            throw ProblemException.invalidField("orgUnitId", "org unit " + request.orgUnitId() + " does not exist");
        }
        requireActive(unit, "orgUnitId");
        Member.Role role = request.role() == null ? member.role : request.role();
        if (unit.id.equals(member.orgUnitId) && role == member.role) {
            throw new ProblemException(422, "membership-unchanged", "Nothing to move",
                    "member " + memberId + " already belongs to " + unit.name + " as " + role);
        }
        LocalDate from = request.effectiveFrom() == null ? LocalDate.now() : request.effectiveFrom();
        Membership open = Membership.openOf(memberId).orElseThrow(() -> inactive(memberId));
        if (!from.isAfter(open.effectiveFrom)) {
            String detail = "the move must start after the current membership, which started " + open.effectiveFrom;
            throw new ProblemException(422, "membership-date-conflict", "Membership dates conflict", detail,
                    List.of(new Problem.FieldError("effectiveFrom", detail)));
        }
        open.effectiveTo = from.minusDays(1);
        // the closed row must reach the database before the new open one, or the one-open-row index refuses it
        Membership.getEntityManager().flush();
        member.orgUnitId = unit.id;
        member.role = role;
        member.effectiveFrom = from;
        member.effectiveTo = null;
        Member.getEntityManager().flush();
        Instant now = Instant.now();
        openMembership(member, now);
        rollup(connection -> ActualsRollup.add(connection,
                ActualsRollup.change(before, ActualsRollup.ofOwner(connection, memberId))));
        publish(member, now);
        return member;
    }

    /**
     * The person leaves: the open membership ends on {@code effectiveTo} (default today). Their actuals stay
     * credited where they were: after the last membership ends it is still the one that counts.
     */
    public Member deactivateMember(String memberId, DeactivateMember request) {
        Member member = lockedMember(memberId);
        LocalDate to = request == null || request.effectiveTo() == null ? LocalDate.now() : request.effectiveTo();
        Membership open = Membership.openOf(memberId).orElseThrow(() -> inactive(memberId));
        if (to.isBefore(open.effectiveFrom)) {
            String detail = "must not be before the current membership's start " + open.effectiveFrom;
            throw new ProblemException(422, "membership-date-conflict", "Membership dates conflict",
                    "effectiveTo: " + detail, List.of(new Problem.FieldError("effectiveTo", detail)));
        }
        open.effectiveTo = to;
        member.effectiveTo = to;
        member.active = false;
        Member.getEntityManager().flush();
        publish(member, Instant.now());
        return member;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Member> findMember(String memberId) {
        return Member.findByIdOptional(memberId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<List<Membership>> history(String memberId) {
        return findMember(memberId).map(member -> Membership.historyOf(memberId));
    }

    private void openMembership(Member member, Instant now) {
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.memberId = member.memberId;
        membership.orgUnitId = member.orgUnitId;
        membership.role = member.role;
        membership.effectiveFrom = member.effectiveFrom;
        membership.createdBy = caller.id();
        membership.createdAt = now;
        membership.persistAndFlush();
    }

    /**
     * Waits for the deal events being applied and holds the next ones until this transaction ends, so the
     * rollup's credit can move between units. Taken before any org row lock, as deal events take no org row lock
     * while they hold it shared: no two transactions can wait for each other.
     */
    private void lockRollup() {
        rollup(ActualsRollup::lockExclusive);
    }

    /** Rollup statements on the transaction's connection, after Hibernate has written what it holds. */
    private <T> T rollupRead(ReturningWork<T> work) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(work);
    }

    private void rollup(Work work) {
        em.flush();
        em.unwrap(Session.class).doWork(work);
    }

    private OrgUnit lockedUnit(UUID id) {
        OrgUnit unit = OrgUnit.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (unit == null) {
            throw ProblemException.notFound("org unit", id);
        }
        return unit;
    }

    private Member lockedMember(String memberId) {
        Member member = Member.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (member == null) {
            throw ProblemException.notFound("member", memberId);
        }
        if (!member.active) {
            throw inactive(memberId);
        }
        return member;
    }

    private static ProblemException inactive(String memberId) {
        return ProblemException.conflict("member-inactive", "Member inactive",
                "member " + memberId + " has left the organisation; their history can be read but not changed");
    }

    private static void requireActive(OrgUnit unit, String field) {
        if (!unit.active) {
            String detail = "org unit " + unit.name + " (" + unit.id + ") is deactivated";
            throw new ProblemException(409, "org-unit-inactive", "Org unit inactive", field + ": " + detail,
                    List.of(new Problem.FieldError(field, detail)));
        }
    }

    private static void requireFreeName(String name, UUID parentId, UUID except) {
        Parameters params = Parameters.with("name", name.strip());
        String clause = "lower(name) = lower(:name)";
        if (parentId == null) {
            clause += " and parentId is null";
        } else {
            clause += " and parentId = :parent";
            params.and("parent", parentId);
        }
        if (except != null) {
            clause += " and id <> :except";
            params.and("except", except);
        }
        if (OrgUnit.count(clause, params) > 0) {
            throw ProblemException.conflict("duplicate-org-unit", "Duplicate org unit",
                    "an org unit named '" + name.strip() + "' already exists at this level");
        }
    }

    private void publish(OrgUnit unit, Instant occurredAt) {
        outbox.publish(Topics.ORG_EVENTS, EventTypes.ORG_UNIT_CHANGED, "org-unit", unit.id.toString(),
                unit.version, occurredAt, new OrgUnitEvent(unit.id, unit.version, unit.name, unit.kind.name(),
                        unit.parentId, unit.pathIds(), unit.managerId, unit.active, occurredAt));
    }

    private void publish(Member member, Instant occurredAt) {
        OrgUnit unit = OrgUnit.findById(member.orgUnitId);
        outbox.publish(Topics.ORG_EVENTS, EventTypes.MEMBERSHIP_CHANGED, "member", member.memberId,
                member.version, occurredAt, new MembershipEvent(member.memberId, member.version,
                        member.displayName, member.email, unit.id, unit.pathIds(), member.role.name(),
                        member.effectiveFrom, member.effectiveTo, occurredAt));
    }
}
