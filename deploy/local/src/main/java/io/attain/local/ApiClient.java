package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON over HTTP through the gateway, as a Keycloak user logged in with the password grant of the public
 * {@code attain-web} client: the same path a front-end or the printed curl takes.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RATE_LIMITED_ATTEMPTS = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String tokenUrl;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    ApiClient(String baseUrl, String tokenUrl) {
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
    }

    /** An answer: status and body (a JSON null node when there was none). */
    record Answer(int status, JsonNode body) {
        boolean isOk() {
            return status >= 200 && status < 300;
        }
    }

    Answer get(DemoUsers.DemoUser user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path);
    }

    Answer post(DemoUsers.DemoUser user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body, path))), path);
    }

    Answer put(DemoUsers.DemoUser user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body, path))), path);
    }

    /** Like {@link #put} but fails unless the answer is 2xx. */
    JsonNode putOk(DemoUsers.DemoUser user, String path, Object body) {
        Answer answer = put(user, path, body);
        requireOk(answer, "PUT " + path + " as " + user.username());
        return answer.body();
    }

    private static String json(Object body, String path) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new SuiteException("cannot write request body for " + path, e);
        }
    }

    /** Like {@link #post} but fails unless the answer is 2xx. */
    JsonNode postOk(DemoUsers.DemoUser user, String path, Object body) {
        Answer answer = post(user, path, body);
        requireOk(answer, "POST " + path + " as " + user.username());
        return answer.body();
    }

    JsonNode getOk(DemoUsers.DemoUser user, String path) {
        Answer answer = get(user, path);
        requireOk(answer, "GET " + path + " as " + user.username());
        return answer.body();
    }

    private static void requireOk(Answer answer, String what) {
        if (!answer.isOk()) {
            throw new SuiteException(what + " answered " + answer.status() + ": " + answer.body());
        }
    }

    /**
     * Sends as {@code user}. The gateway rate-limits each user; a loader sending many requests waits as a
     * 429 answer's {@code Retry-After} asks and tries again, as any well-behaved client does.
     */
    private Answer send(DemoUsers.DemoUser user, HttpRequest.Builder request, String path) {
        request.header("Authorization", "Bearer " + token(user))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; response.statusCode() == 429 && attempt <= MAX_RATE_LIMITED_ATTEMPTS; attempt++) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Duration.ofSeconds(Math.clamp(seconds, 1, 10)));
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new SuiteException("calling " + baseUrl + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("interrupted while calling " + path, e);
        }
    }

    /** An access token for {@code user}, fetched once (tokens live 15 minutes, longer than any demo load). */
    private synchronized String token(DemoUsers.DemoUser user) {
        return tokens.computeIfAbsent(user.username(), username -> fetchToken(user));
    }

    private String fetchToken(DemoUsers.DemoUser user) {
        Map<String, String> form = Map.of(
                "grant_type", "password",
                "client_id", DemoUsers.WEB_CLIENT_ID,
                "username", user.username(),
                "password", user.password());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SuiteException("Keycloak refused a token for " + user.username() + " ("
                        + response.statusCode() + "): " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new SuiteException("cannot get a token from " + tokenUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("interrupted while getting a token", e);
        }
    }
}
