package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attain.local.DemoUsers.DemoUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The constants the demo data and the system tests use must describe the realm Keycloak imports. */
class DemoUsersMatchRealmTest {
    private static JsonNode realm;

    @BeforeAll
    static void readRealm() throws IOException {
        realm = new ObjectMapper().readTree(Path.of(System.getProperty("attain.realm.file")).toFile());
    }

    @Test
    void everyDemoUserIsInTheRealmWithTheSameIdNameRoleAndPassword() {
        for (DemoUser user : DemoUsers.ALL) {
            JsonNode entry = userNamed(user.username());
            assertThat(entry.path("id").asText()).as(user.username()).isEqualTo(user.id());
            assertThat(entry.path("enabled").asBoolean()).isTrue();
            assertThat(entry.path("firstName").asText()).isEqualTo(user.firstName());
            assertThat(entry.path("lastName").asText()).isEqualTo(user.lastName());
            assertThat(entry.path("email").asText()).isEqualTo(user.email());
            assertThat(texts(entry.path("realmRoles"))).containsExactly(user.role());
            assertThat(entry.path("credentials").get(0).path("value").asText()).isEqualTo(user.password());
            assertThat(entry.path("credentials").get(0).path("temporary").asBoolean()).isFalse();
        }
    }

    @Test
    void idsAreUniqueAndEveryRoleHasADemoUser() {
        Set<String> ids = DemoUsers.ALL.stream().map(DemoUser::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(DemoUsers.ALL.size()).doesNotContain(DemoUsers.CRM_SERVICE_ACCOUNT_ID);
        assertThat(DemoUsers.ALL.stream().map(DemoUser::role).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("rep", "manager", "finance", "admin");
    }

    @Test
    void theSeedDepartmentsHaveTheirManagersAndReps() {
        assertThat(usersIn(DemoUsers.Departments.KEY_ACCOUNTS, "rep")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(usersIn(DemoUsers.Departments.KEY_ACCOUNTS, "manager")).hasSize(1);
        assertThat(usersIn(DemoUsers.Departments.REGIONAL, "rep")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(usersIn(DemoUsers.Departments.REGIONAL, "manager")).hasSize(1);
        assertThat(usersIn(DemoUsers.Departments.ONLINE, "rep")).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void theRealmDefinesTheFiveRolesAndShortLivedTokens() {
        assertThat(realm.path("realm").asText()).isEqualTo(KeycloakServer.REALM);
        assertThat(texts(realm.path("roles").path("realm"), "name"))
                .containsExactlyInAnyOrder("rep", "manager", "finance", "admin", "crm-integration");
        assertThat(realm.path("accessTokenLifespan").asInt()).isBetween(300, 3600);
    }

    @Test
    void theWebClientIsPublicWithPasswordGrantForTheDemo() {
        JsonNode web = client(DemoUsers.WEB_CLIENT_ID);
        assertThat(web.path("publicClient").asBoolean()).isTrue();
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(texts(web.path("redirectUris"))).allMatch(uri -> uri.startsWith("http://localhost:"));
    }

    @Test
    void theCrmClientIsConfidentialWithAServiceAccountInTheCrmRole() {
        JsonNode crm = client(DemoUsers.CRM_CLIENT_ID);
        assertThat(crm.path("publicClient").asBoolean()).isFalse();
        assertThat(crm.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(crm.path("secret").asText()).isEqualTo(DemoUsers.CRM_CLIENT_SECRET);
        JsonNode account = userNamed("service-account-" + DemoUsers.CRM_CLIENT_ID);
        assertThat(account.path("id").asText()).isEqualTo(DemoUsers.CRM_SERVICE_ACCOUNT_ID);
        assertThat(account.path("serviceAccountClientId").asText()).isEqualTo(DemoUsers.CRM_CLIENT_ID);
        assertThat(texts(account.path("realmRoles"))).containsExactly("crm-integration");
    }

    private static List<DemoUser> usersIn(String department, String role) {
        return DemoUsers.ALL.stream()
                .filter(user -> department.equals(user.department()) && role.equals(user.role()))
                .toList();
    }

    private static JsonNode userNamed(String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in the realm");
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asText()));
        return texts;
    }
}
