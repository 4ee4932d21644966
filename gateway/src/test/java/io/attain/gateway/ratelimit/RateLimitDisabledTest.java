package io.attain.gateway.ratelimit;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.attain.gateway.support.Tokens;
import io.attain.gateway.support.UpstreamServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RateLimitDisabledTest.TinyLimitsSwitchedOff.class)
@WithTestResource(UpstreamServersResource.class)
class RateLimitDisabledTest {

    public static class TinyLimitsSwitchedOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "attain.gateway.rate-limit.enabled", "false",
                    "attain.gateway.rate-limit.user.requests-per-second", "0.1",
                    "attain.gateway.rate-limit.user.burst", "1",
                    "attain.gateway.rate-limit.client.requests-per-second", "0.1",
                    "attain.gateway.rate-limit.client.burst", "1",
                    "attain.gateway.rate-limit.anonymous.requests-per-second", "0.1",
                    "attain.gateway.rate-limit.anonymous.burst", "1");
        }
    }

    @Test
    void shouldNeverRefuseWhenRateLimitingIsOff() {
        String token = Tokens.bearer("heavy-user", "attain-web");
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", token).get("/api/targets/targets").then().statusCode(200);
            given().get("/api/targets/targets").then().statusCode(200);
        }
    }
}
