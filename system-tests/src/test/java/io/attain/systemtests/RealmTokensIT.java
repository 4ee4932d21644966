package io.attain.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.attain.local.DemoUsers;
import io.attain.local.DemoUsers.DemoUser;
import io.attain.local.Suite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The imported realm issues what the services rely on: {@code sub} = the fixed demo id, realm roles, a stable issuer. */
@ExtendWith(AttainSuiteExtension.class)
class RealmTokensIT {
    private final Suite suite;
    private final Tokens tokens;

    RealmTokensIT(Suite suite) {
        this.suite = suite;
        this.tokens = new Tokens(suite);
    }

    @Test
    void everyDemoUserGetsATokenWithTheirFixedIdAndRole() {
        for (DemoUser user : DemoUsers.ALL) {
            JsonNode claims = Tokens.claims(tokens.of(user));
            assertThat(claims.path("sub").asText()).as("sub of " + user.username()).isEqualTo(user.id());
            assertThat(claims.path("iss").asText()).isEqualTo(suite.keycloak().realmUrl());
            assertThat(roles(claims)).as("realm roles of " + user.username()).contains(user.role());
        }
    }

    @Test
    void theCrmClientGetsAServiceAccountTokenWithTheCrmRole() {
        JsonNode claims = Tokens.claims(tokens.crmIntegration());
        assertThat(claims.path("sub").asText()).isEqualTo(DemoUsers.CRM_SERVICE_ACCOUNT_ID);
        assertThat(claims.path("azp").asText()).isEqualTo(DemoUsers.CRM_CLIENT_ID);
        assertThat(roles(claims)).contains("crm-integration").doesNotContain("admin", "rep");
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}
