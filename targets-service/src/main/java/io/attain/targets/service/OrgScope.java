package io.attain.targets.service;

import io.attain.support.security.Caller;
import io.attain.support.security.Roles;
import io.attain.targets.domain.OrgUnit;
import io.attain.targets.domain.Target;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * What the caller may see and change in the org tree: admins everything, a manager the subtrees of the units
 * they manage (by tree path), a rep their own targets. Services ask here and answer 404 for anything outside.
 */
@ApplicationScoped
public class OrgScope {

    @Inject
    Caller caller;

    /** Admins manage everything; a manager manages the subtrees of the units they manage. */
    public boolean mayManage(OrgUnit unit) {
        if (unit == null) {
            return false;
        }
        if (caller.is(Roles.ADMIN)) {
            return true;
        }
        return caller.is(Roles.MANAGER) && OrgUnit.managedBy(caller.id()).stream().anyMatch(managed -> managed.contains(unit));
    }

    public boolean mayRead(Target target) {
        if (caller.seesEverything() || caller.id().equals(target.memberId)) {
            return true;
        }
        return !caller.isOnlyRep() && mayManage(OrgUnit.findById(target.orgUnitId));
    }

    public List<String> managedPaths() {
        return OrgUnit.managedBy(caller.id()).stream().map(unit -> unit.path).toList();
    }

    /**
     * An HQL condition restricting {@code unitIdProperty} to units the caller manages, with its parameters
     * added to {@code params}; empty when the caller manages nothing.
     */
    public String managedUnitsClause(String unitIdProperty, Parameters params) {
        List<String> paths = managedPaths();
        if (paths.isEmpty()) {
            return "1 = 0";
        }
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            scopes.add("u.path = :p" + i + " or u.path like :s" + i);
            params.and("p" + i, paths.get(i)).and("s" + i, paths.get(i) + "/%");
        }
        return unitIdProperty + " in (select u.id from OrgUnit u where " + String.join(" or ", scopes) + ")";
    }
}
