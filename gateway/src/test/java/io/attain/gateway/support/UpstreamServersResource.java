package io.attain.gateway.support;

import java.util.Map;

import io.attain.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real upstream HTTP server and points the gateway's routes at it:
 * <ul>
 * <li>{@code targets} and {@code pipeline} go to the {@link TestUpstream}; {@code pipeline} has a 1 s timeout,
 * everything else the (test-shortened) global 5 s</li>
 * <li>{@code incentives} goes to a closed port</li>
 * <li>the body limit is 16 MiB</li>
 * <li>bearer tokens are verified with test-support's test key and issuer ({@link TestTokens})</li>
 * </ul>
 */
public class UpstreamServersResource implements QuarkusTestResourceLifecycleManager {

    public static final String UPSTREAM_URL_KEY = "attain.test.upstream-url";
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    private TestUpstream upstream;

    @Override
    public Map<String, String> start() {
        upstream = new TestUpstream();
        String upstreamUrl = "http://127.0.0.1:" + upstream.start();
        return Map.of(
                "attain.gateway.routes.targets.upstream", upstreamUrl,
                "attain.gateway.routes.pipeline.upstream", upstreamUrl,
                "attain.gateway.routes.pipeline.timeout", "1s",
                "attain.gateway.routes.incentives.upstream", "http://127.0.0.1:" + TestUpstream.closedPort(),
                "attain.gateway.timeout", "5s",
                "attain.gateway.max-body-size", "16M",
                // tokens are verified with test-support's test key, as the services' tests do
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                UPSTREAM_URL_KEY, upstreamUrl);
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.stop();
        }
    }
}
