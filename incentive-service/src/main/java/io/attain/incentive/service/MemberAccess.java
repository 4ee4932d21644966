package io.attain.incentive.service;

import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whose incentive data the caller may read: a rep only their own; managers, finance and admins anyone's.
 * Someone else's data answers 404, as if it did not exist, so a rep cannot probe for member ids.
 */
@ApplicationScoped
public class MemberAccess {

    @Inject
    Caller caller;

    public void requireVisible(String memberId) {
        if (caller.isOnlyRep() && !caller.id().equals(memberId)) {
            throw ProblemException.notFound("member", memberId);
        }
    }
}
