package io.attain.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who is calling: the token's {@code sub} (the Keycloak user id) and realm roles. Services scope data
 * with it; they never take the caller's identity from a request body.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    /** The Keycloak user id ({@code sub}); {@code quarkus.oidc.token.principal-claim=sub} makes it the principal name. */
    public String id() {
        return identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** Finance and admin see every record. */
    public boolean seesEverything() {
        return is(Roles.ADMIN) || is(Roles.FINANCE);
    }

    /** A rep without a broader role sees only their own records. */
    public boolean isOnlyRep() {
        return is(Roles.REP) && !is(Roles.MANAGER) && !seesEverything();
    }
}
