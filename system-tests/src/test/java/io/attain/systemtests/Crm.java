package io.attain.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attain.local.DemoUsers;
import io.restassured.response.ValidatableResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The demo CRM as an integration would call Attain: a client-credentials token of {@code crm-integration} and
 * each body signed with HMAC-SHA256 over {@code timestamp + "." + body}, sent through the gateway.
 */
final class Crm {
    static final String EVENTS = "/api/pipeline/crm/events";
    static final String BATCH = "/api/pipeline/crm/events/batch";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Api api;
    private final String token;

    Crm(Api api, Tokens tokens) {
        this.api = api;
        this.token = tokens.crmIntegration();
    }

    String token() {
        return token;
    }

    /** Posts {@code body} (serialised once, signed as sent) to {@code path}, signed now. */
    ValidatableResponse post(String path, Object body) {
        String json = json(body);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return postSigned(path, json, timestamp, sign(DemoUsers.CRM_SIGNING_SECRET, timestamp, json));
    }

    ValidatableResponse postSigned(String path, String json, String timestamp, String signature) {
        return api.as(token)
                .header("X-Attain-Timestamp", timestamp)
                .header("X-Attain-Signature", signature)
                .body(json)
                .when().post(path)
                .then();
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String json(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
    }
}
