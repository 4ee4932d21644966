package io.attain.local;

import java.util.List;

/**
 * The users of {@code deploy/keycloak/attain-realm.json}. Their ids are fixed in the realm, so demo data
 * and system tests can name them. Every password here is a DEMO-ONLY value for local runs and tests.
 */
public final class DemoUsers {

    /** Client that front-ends, the demo curl and the system tests log users in with (public, password grant on). */
    public static final String WEB_CLIENT_ID = "attain-web";
    /** Confidential client for CRM machine clients (client credentials). */
    public static final String CRM_CLIENT_ID = "crm-integration";
    /** DEMO-ONLY secret of {@link #CRM_CLIENT_ID}. */
    public static final String CRM_CLIENT_SECRET = "crm-integration-demo-secret";
    /** The key the demo CRM signs its deliveries to pipeline-service with; production sets its own per client. */
    public static final String CRM_SIGNING_SECRET = "crm-integration-demo-secret";
    /** Keycloak user id of the {@code crm-integration} client's service account: the {@code sub} of its tokens. */
    public static final String CRM_SERVICE_ACCOUNT_ID = "a77a1000-de00-4000-8000-000000000031";

    public static final DemoUser ADMIN = new DemoUser(
            "a77a1000-de00-4000-8000-000000000001", "admin", "admin", "林", "静", "admin", null);
    public static final DemoUser FINANCE = new DemoUser(
            "a77a1000-de00-4000-8000-000000000002", "finance", "finance", "钱", "进", "finance", null);
    public static final DemoUser KEY_ACCOUNTS_MANAGER = new DemoUser(
            "a77a1000-de00-4000-8000-000000000011", "chen.gang", "manager", "陈", "刚", "manager", Departments.KEY_ACCOUNTS);
    public static final DemoUser REGIONAL_MANAGER = new DemoUser(
            "a77a1000-de00-4000-8000-000000000012", "liu.yang", "manager", "刘", "洋", "manager", Departments.REGIONAL);
    public static final DemoUser KEY_ACCOUNTS_REP = new DemoUser(
            "a77a1000-de00-4000-8000-000000000021", "wang.fang", "rep", "王", "芳", "rep", Departments.KEY_ACCOUNTS);
    public static final DemoUser KEY_ACCOUNTS_REP_2 = new DemoUser(
            "a77a1000-de00-4000-8000-000000000022", "li.na", "rep", "李", "娜", "rep", Departments.KEY_ACCOUNTS);
    public static final DemoUser REGIONAL_REP = new DemoUser(
            "a77a1000-de00-4000-8000-000000000023", "zhang.wei", "rep", "张", "伟", "rep", Departments.REGIONAL);
    public static final DemoUser ONLINE_REP = new DemoUser(
            "a77a1000-de00-4000-8000-000000000024", "zhao.lei", "rep", "赵", "磊", "rep", Departments.ONLINE);

    public static final List<DemoUser> ALL = List.of(
            ADMIN, FINANCE, KEY_ACCOUNTS_MANAGER, REGIONAL_MANAGER,
            KEY_ACCOUNTS_REP, KEY_ACCOUNTS_REP_2, REGIONAL_REP, ONLINE_REP);

    /** Names of the demo company's departments (the seed's org tree). */
    public static final class Departments {
        public static final String KEY_ACCOUNTS = "大客户部";
        public static final String REGIONAL = "区域销售部";
        public static final String ONLINE = "线上销售部";

        private Departments() {
        }
    }

    /**
     * One realm user.
     *
     * @param id         the Keycloak user id, which is the {@code sub} of the user's tokens
     * @param password   DEMO-ONLY password
     * @param role       the realm role the user holds
     * @param department the department the user belongs to, or {@code null}
     */
    public record DemoUser(String id, String username, String password, String lastName, String firstName,
                           String role, String department) {

        /** The name as written in Chinese: family name first, no space. */
        public String displayName() {
            return lastName + firstName;
        }

        public String email() {
            return username + "@attain.example";
        }
    }

    private DemoUsers() {
    }
}
