package io.attain.targets.service;

import io.attain.events.EventTypes;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.events.Topics;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.ProblemException;
import io.attain.targets.api.MemberDtos.CreateMember;
import io.attain.targets.api.OrgUnitDtos.CreateOrgUnit;
import io.attain.targets.domain.Member;
import io.attain.targets.domain.OrgUnit;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Org units and memberships; every change is published as an org event through the outbox. */
@ApplicationScoped
@Transactional
public class OrgService {

    @Inject
    Outbox outbox;

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
        }
        UUID parentId = parent == null ? null : parent.id;
        boolean taken = OrgUnit.count(parentId == null ? "parentId is null and lower(name) = lower(?1)"
                : "parentId = ?2 and lower(name) = lower(?1)", parentId == null
                ? new Object[]{request.name()} : new Object[]{request.name(), parentId}) > 0;
        if (taken) {
            throw ProblemException.conflict("duplicate-org-unit", "Duplicate org unit",
                    "an org unit named '" + request.name() + "' already exists at this level");
        }
        OrgUnit unit = new OrgUnit();
        unit.id = UUID.randomUUID();
        unit.name = request.name().strip();
        unit.kind = request.kind();
        unit.parentId = parentId;
        unit.path = parent == null ? unit.id.toString() : parent.path + "/" + unit.id;
        unit.managerId = request.managerId();
        unit.createdAt = Instant.now();
        unit.persistAndFlush();
        outbox.publish(Topics.ORG_EVENTS, EventTypes.ORG_UNIT_CHANGED, "org-unit", unit.id.toString(),
                unit.version, unit.createdAt, toEvent(unit));
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
        OrgUnit unit = OrgUnit.findById(request.orgUnitId());
        if (unit == null) {
            throw ProblemException.invalidField("orgUnitId", "org unit " + request.orgUnitId() + " does not exist");
        }
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
        outbox.publish(Topics.ORG_EVENTS, EventTypes.MEMBERSHIP_CHANGED, "member", member.memberId,
                member.version, member.createdAt, new MembershipEvent(member.memberId, member.version,
                        member.displayName, member.email, unit.id, unit.pathIds(), member.role.name(),
                        member.effectiveFrom, member.effectiveTo, member.createdAt));
        return member;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Member> findMember(String memberId) {
        return Member.findByIdOptional(memberId);
    }

    private static OrgUnitEvent toEvent(OrgUnit unit) {
        return new OrgUnitEvent(unit.id, unit.version, unit.name, unit.kind.name(), unit.parentId, unit.pathIds(),
                unit.managerId, unit.active, unit.createdAt);
    }
}
