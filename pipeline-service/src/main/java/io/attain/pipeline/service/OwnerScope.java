package io.attain.pipeline.service;

import io.attain.support.org.MemberScope;
import io.attain.support.org.OrgDirectory;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whose deals and accounts the caller may see, by owner: a rep their own, a manager their own and those of the
 * members of their org subtree (from the org read model fed by targets-service's org events), finance and admin
 * everyone's. Looked up once per request. Records outside the scope answer 404, as if they did not exist.
 */
@RequestScoped
public class OwnerScope {

    @Inject
    Caller caller;

    @Inject
    OrgDirectory orgDirectory;

    private MemberScope members;

    public MemberScope members() {
        if (members == null) {
            members = orgDirectory.scopeOf(caller);
        }
        return members;
    }

    public boolean includes(String ownerId) {
        return members().includes(ownerId);
    }

    /**
     * The owners whose records a list or report covers: the caller's scope, narrowed to {@code ownerId} and to the
     * current members of org unit {@code team} and the units below it when given. Empty means every owner; an empty
     * set means nobody (a filter outside the scope shows nothing rather than an error, as lists do).
     *
     * @throws ProblemException 404 when {@code team} is not a unit the org read model knows
     */
    public Optional<Set<String>> owners(String ownerId, UUID team) {
        Set<String> owners = members().all() ? null : new HashSet<>(members().memberIds());
        if (ownerId != null) {
            owners = narrow(owners, Set.of(ownerId));
        }
        if (team != null) {
            if (!orgDirectory.knowsUnit(team)) {
                throw ProblemException.notFound("org unit", team);
            }
            owners = narrow(owners, orgDirectory.membersOf(team, true));
        }
        return Optional.ofNullable(owners);
    }

    private static Set<String> narrow(Set<String> owners, Set<String> to) {
        if (owners == null) {
            return new HashSet<>(to);
        }
        owners.retainAll(to);
        return owners;
    }
}
