package io.attain.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final AccessRules RULES = new AccessRules(List.of(new ClientArea("crm",
            List.of("/api/pipeline/crm"), Set.of("crm-integration"), Set.of("crm-integration"))));

    private static final EdgeCaller REP = new EdgeCaller("rep-1", "attain-web", Set.of("rep"));
    private static final EdgeCaller ADMIN = new EdgeCaller("admin-1", "attain-web", Set.of("admin"));
    private static final EdgeCaller CRM_CLIENT = new EdgeCaller("service-account-crm", "crm-integration", Set.of());
    private static final EdgeCaller CRM_ROLE = new EdgeCaller("hubspot-bridge", "other-client",
            Set.of("crm-integration"));

    @Test
    void shouldReserveTheAreaForItsClient() {
        assertThat(RULES.refusal(REP, "/api/pipeline/crm/events")).isPresent();
        assertThat(RULES.refusal(ADMIN, "/api/pipeline/crm")).isPresent();
        assertThat(RULES.refusal(CRM_CLIENT, "/api/pipeline/crm/events")).isEmpty();
        assertThat(RULES.refusal(CRM_ROLE, "/api/pipeline/crm/events/batch")).isEmpty();
    }

    @Test
    void shouldConfineTheClientToItsArea() {
        assertThat(RULES.refusal(CRM_CLIENT, "/api/pipeline/deals")).isPresent();
        assertThat(RULES.refusal(CRM_CLIENT, "/api/targets/targets")).isPresent();
        assertThat(RULES.refusal(CRM_ROLE, "/api/incentives/members/x/credits")).isPresent();
    }

    @Test
    void shouldMatchTheAreaOnWholeSegments() {
        assertThat(RULES.refusal(REP, "/api/pipeline/crmx")).isEmpty();
        assertThat(RULES.refusal(CRM_CLIENT, "/api/pipeline/crmx")).isPresent();
    }

    @Test
    void shouldLeaveUserRoutesToUsers() {
        assertThat(RULES.refusal(REP, "/api/pipeline/deals")).isEmpty();
        assertThat(RULES.refusal(ADMIN, "/api/targets/org-units")).isEmpty();
    }

    @Test
    void shouldRestrictNothingWithoutAreas() {
        AccessRules none = new AccessRules(List.of());

        assertThat(none.refusal(CRM_CLIENT, "/api/pipeline/deals")).isEmpty();
    }
}
