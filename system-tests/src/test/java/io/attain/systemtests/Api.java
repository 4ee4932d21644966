package io.attain.systemtests;

import io.attain.local.Suite;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Requests through the gateway, the only entry point a client uses. */
final class Api {
    private final String gatewayUrl;

    Api(Suite suite) {
        this.gatewayUrl = suite.gatewayUrl();
    }

    RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    RequestSpecification anonymous() {
        return given().baseUri(gatewayUrl).accept(ContentType.JSON).contentType(ContentType.JSON);
    }

    static Map<String, String> money(String amount, String currency) {
        return Map.of("amount", amount, "currency", currency);
    }
}
