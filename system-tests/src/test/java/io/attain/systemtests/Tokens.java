package io.attain.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attain.local.DemoUsers;
import io.attain.local.DemoUsers.DemoUser;
import io.attain.local.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;

/** Real access tokens from the suite's Keycloak. */
final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenUrl;

    Tokens(Suite suite) {
        this.tokenUrl = suite.keycloak().tokenUrl();
    }

    /** Password grant of the public web client, as a front-end's user would log in. */
    String of(DemoUser user) {
        return given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password")
                .formParam("client_id", DemoUsers.WEB_CLIENT_ID)
                .formParam("username", user.username())
                .formParam("password", user.password())
                .when().post(tokenUrl)
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** Client credentials of the confidential CRM client: a token for its service account. */
    String crmIntegration() {
        return given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", DemoUsers.CRM_CLIENT_ID)
                .formParam("client_secret", DemoUsers.CRM_CLIENT_SECRET)
                .when().post(tokenUrl)
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** The token's claims (its middle part), without checking the signature: the services do that. */
    static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
