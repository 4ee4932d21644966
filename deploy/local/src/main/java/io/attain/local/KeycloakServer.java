package io.attain.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak from the unpacked {@code keycloak-quarkus-dist}, in dev mode, storing its data in the suite's
 * PostgreSQL and importing the {@code attain} realm on first start. {@code --hostname} pins the token
 * issuer to {@code http://localhost:<port>}, the URL the services validate tokens against.
 */
public final class KeycloakServer {
    public static final String REALM = "attain";
    /** DEMO-ONLY credentials of the master realm's bootstrap administrator (admin console). */
    public static final String CONSOLE_ADMIN_USER = "admin";
    public static final String CONSOLE_ADMIN_PASSWORD = "admin";
    static final String DATABASE = "keycloak";

    private final ChildProcess process;
    private final int port;

    private KeycloakServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KeycloakServer start(Path home, Path realmFile, int port, PostgresServer postgres,
                                       Path javaHome, Path logFile) {
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new SuiteException("no Keycloak distribution at " + home
                    + "; build the runner first: ./mvnw -q -pl deploy/local install -DskipTests");
        }
        if (!Files.isRegularFile(realmFile)) {
            throw new SuiteException("realm file " + realmFile + " does not exist");
        }
        try {
            Path importDirectory = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, importDirectory.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SuiteException("cannot copy the realm into " + home.resolve("data/import") + ": " + e.getMessage(), e);
        }
        List<String> command = List.of("/bin/sh", script.toString(), "start-dev",
                "--http-port=" + port,
                "--hostname=http://localhost:" + port,
                "--import-realm",
                "--db=postgres",
                "--db-url=" + postgres.jdbcUrl(DATABASE),
                "--db-pool-max-size=20");
        // credentials go through the environment so they do not show in the process list
        Map<String, String> environment = Map.of(
                "JAVA_HOME", javaHome.toString(),
                "KC_DB_USERNAME", PostgresServer.USER,
                "KC_DB_PASSWORD", PostgresServer.PASSWORD,
                "KC_BOOTSTRAP_ADMIN_USERNAME", CONSOLE_ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", CONSOLE_ADMIN_PASSWORD);
        return new KeycloakServer(ChildProcess.start("keycloak", command, environment, home, logFile), port);
    }

    /** Waits until the realm's OpenID discovery document is served, i.e. the realm is imported and tokens can be issued. */
    public void awaitReady(Duration timeout) {
        process.awaitReady(() -> Http.isOk(realmUrl() + "/.well-known/openid-configuration"), timeout);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The issuer of the realm's tokens, also the services' {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public ChildProcess process() {
        return process;
    }
}
