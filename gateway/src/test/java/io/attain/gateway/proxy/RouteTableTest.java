package io.attain.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.attain.gateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.MemorySize;

class RouteTableTest {

    private static final Duration GLOBAL_TIMEOUT = Duration.ofSeconds(30);

    private final RouteTable table = RouteTable.from(config(Map.of(
            "targets", route("/api/targets", "http://targets:8081", null),
            "pipeline", route("/api/pipeline/", "http://pipeline:8082", Duration.ofSeconds(2)),
            "pipeline-analytics", route("/api/pipeline/analytics", "https://analytics.internal/base/", null))));

    @ParameterizedTest
    @CsvSource({
            "/api/targets, targets",
            "/api/targets/, targets",
            "/api/targets/targets/42, targets",
            "/api/pipeline/deals, pipeline",
            "/api/pipeline/analytics, pipeline-analytics",
            "/api/pipeline/analytics/funnel, pipeline-analytics",
            "/api/pipeline/analyticsX, pipeline" })
    void shouldPickTheLongestSegmentPrefix(String path, String expectedRoute) {
        assertThat(table.match(path)).map(Route::name).contains(expectedRoute);
    }

    @ParameterizedTest
    @CsvSource({ "/api/targetsX", "/api", "/", "/api/incentives/x", "''", "*" })
    void shouldNotMatchOtherPaths(String path) {
        assertThat(table.match(path)).isEmpty();
    }

    @Test
    void shouldNotMatchNullPath() {
        assertThat(table.match(null)).isEmpty();
    }

    @Test
    void shouldResolveUpstreamAddressAndTimeouts() {
        Route targets = table.match("/api/targets").orElseThrow();
        Route pipeline = table.match("/api/pipeline").orElseThrow();
        Route analytics = table.match("/api/pipeline/analytics").orElseThrow();

        assertThat(targets).isEqualTo(new Route("targets", "/api/targets", "targets", 8081, false, "", GLOBAL_TIMEOUT));
        assertThat(pipeline.prefix()).isEqualTo("/api/pipeline");
        assertThat(pipeline.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(analytics.tls()).isTrue();
        assertThat(analytics.upstreamPort()).isEqualTo(443);
        assertThat(analytics.basePath()).isEqualTo("/base");
    }

    @Test
    void shouldBuildUpstreamUriFromBasePathPathAndRawQuery() {
        Route targets = table.match("/api/targets").orElseThrow();
        Route analytics = table.match("/api/pipeline/analytics").orElseThrow();

        assertThat(targets.upstreamUri("/api/targets/t/1", null)).isEqualTo("/api/targets/t/1");
        assertThat(targets.upstreamUri("/api/targets/t", "a=1&b=%20x")).isEqualTo("/api/targets/t?a=1&b=%20x");
        assertThat(analytics.upstreamUri("/api/pipeline/analytics/funnel", "q"))
                .isEqualTo("/base/api/pipeline/analytics/funnel?q");
    }

    @Test
    void shouldUseOnePathTemplatePerRouteForMetrics() {
        assertThat(table.match("/api/targets/t/1").orElseThrow().pathTemplate()).isEqualTo("/api/targets/*");
    }

    @Test
    void shouldMatchEverythingWithRootPrefix() {
        RouteTable catchAll = RouteTable.from(config(Map.of("all", route("/", "http://all", null))));

        assertThat(catchAll.match("/anything/at/all")).map(Route::name).contains("all");
        assertThat(catchAll.match("/anything").orElseThrow().upstreamPort()).isEqualTo(80);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "api/targets | http://targets:8081 | prefix must start with '/'",
            "/api/* | http://targets:8081 | prefix must be a plain path",
            "/api/targets | ftp://targets | must be an http or https URL",
            "/api/targets | targets:8081 | must be an http or https URL",
            "/api/targets | http:///path | has no host",
            "/api/targets | http://user:pw@targets | must not carry user info",
            "/api/targets | http://targets?x=1 | must not carry user info, a query or a fragment",
            "/api/targets | http://tar gets | is not a URL" })
    void shouldRejectInvalidRoutes(String prefix, String upstream, String message) {
        assertThatThrownBy(() -> RouteTable.from(config(Map.of("broken", route(prefix, upstream, null)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attain.gateway.routes.broken")
                .hasMessageContaining(message);
    }

    @Test
    void shouldRejectDuplicatePrefixes() {
        Map<String, GatewayConfig.RouteConfig> routes = new LinkedHashMap<>();
        routes.put("one", route("/api/x", "http://one", null));
        routes.put("two", route("/api/x/", "http://two", null));

        assertThatThrownBy(() -> RouteTable.from(config(routes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same prefix /api/x");
    }

    @Test
    void shouldRejectNonPositiveTimeout() {
        assertThatThrownBy(() -> RouteTable.from(config(Map.of("zero", route("/z", "http://z", Duration.ZERO)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attain.gateway.routes.zero.timeout must be positive");
    }

    static GatewayConfig.RouteConfig route(String prefix, String upstream, Duration timeout) {
        return new GatewayConfig.RouteConfig() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public String upstream() {
                return upstream;
            }

            @Override
            public Optional<Duration> timeout() {
                return Optional.ofNullable(timeout);
            }
        };
    }

    static GatewayConfig config(Map<String, GatewayConfig.RouteConfig> routes) {
        return new GatewayConfig() {
            @Override
            public Map<String, RouteConfig> routes() {
                return routes;
            }

            @Override
            public Duration timeout() {
                return GLOBAL_TIMEOUT;
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public MemorySize maxBodySize() {
                return new MemorySize(java.math.BigInteger.valueOf(10L * 1024 * 1024));
            }

            @Override
            public boolean trustForwardedHeaders() {
                return false;
            }

            @Override
            public int maxConnectionsPerUpstream() {
                return 64;
            }
        };
    }
}
