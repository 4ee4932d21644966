package io.attain.support.security;

/** Keycloak realm roles, one place for their names. */
public final class Roles {
    public static final String REP = "rep";
    public static final String MANAGER = "manager";
    public static final String FINANCE = "finance";
    public static final String ADMIN = "admin";
    public static final String CRM_INTEGRATION = "crm-integration";

    private Roles() {
    }
}
