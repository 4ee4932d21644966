package io.attain.incentive.service;

import io.attain.support.org.MemberScope;
import io.attain.support.org.OrgDirectory;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Whose incentive data the caller may read: finance and admins anyone's; a manager their own and that of the
 * members of every unit they manage and the units below it (from the org read model, {@link OrgDirectory});
 * a rep only their own. Data outside the caller's scope answers 404, as if it did not exist, so nobody can
 * probe for member ids. The scope is looked up once per request.
 */
@RequestScoped
public class MemberAccess {

    @Inject
    Caller caller;

    @Inject
    OrgDirectory orgDirectory;

    private MemberScope scope;

    /** @throws ProblemException 404 when the member is outside the caller's scope */
    public void requireVisible(String memberId) {
        if (!scope().includes(memberId)) {
            throw ProblemException.notFound("member", memberId);
        }
    }

    public MemberScope scope() {
        if (scope == null) {
            scope = orgDirectory.scopeOf(caller);
        }
        return scope;
    }
}
