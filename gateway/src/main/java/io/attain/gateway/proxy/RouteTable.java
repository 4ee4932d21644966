package io.attain.gateway.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.attain.gateway.config.GatewayConfig;

/**
 * The configured routes, validated once at start-up and searched longest prefix first.
 */
public final class RouteTable {

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((Route route) -> route.prefix().length()).reversed()
                .thenComparing(Route::name));
        this.routes = List.copyOf(sorted);
    }

    /**
     * Builds the table from configuration, failing with a message that names the offending key.
     *
     * @throws IllegalArgumentException when a prefix, upstream URL or timeout is invalid or a prefix is repeated
     */
    public static RouteTable from(GatewayConfig config) {
        List<Route> routes = new ArrayList<>();
        Map<String, String> namesByPrefix = new HashMap<>();
        for (Map.Entry<String, GatewayConfig.RouteConfig> entry : config.routes().entrySet()) {
            String name = entry.getKey();
            GatewayConfig.RouteConfig routeConfig = entry.getValue();
            Route route = toRoute(name, routeConfig, routeConfig.timeout().orElse(config.timeout()));
            String previous = namesByPrefix.putIfAbsent(route.prefix(), name);
            if (previous != null) {
                throw new IllegalArgumentException("Routes '" + previous + "' and '" + name
                        + "' have the same prefix " + route.prefix());
            }
            routes.add(route);
        }
        return new RouteTable(routes);
    }

    /**
     * Table over already built routes (tests).
     */
    public static RouteTable of(List<Route> routes) {
        return new RouteTable(routes);
    }

    /**
     * The route with the longest prefix matching the path, if any.
     */
    public Optional<Route> match(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return Optional.empty();
        }
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return routes;
    }

    private static Route toRoute(String name, GatewayConfig.RouteConfig config, Duration timeout) {
        String key = "attain.gateway.routes." + name;
        String prefix = normalisePrefix(key, config.prefix());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(key + ".timeout must be positive, got " + timeout);
        }
        URI upstream;
        try {
            upstream = new URI(config.upstream().trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ".upstream is not a URL: " + config.upstream());
        }
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(key + ".upstream must be an http or https URL: " + config.upstream());
        }
        if (upstream.getHost() == null) {
            throw new IllegalArgumentException(key + ".upstream has no host: " + config.upstream());
        }
        if (upstream.getRawUserInfo() != null || upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    key + ".upstream must not carry user info, a query or a fragment: " + config.upstream());
        }
        boolean tls = scheme.equals("https");
        int port = upstream.getPort() != -1 ? upstream.getPort() : tls ? 443 : 80;
        String basePath = upstream.getRawPath() == null ? "" : stripTrailingSlashes(upstream.getRawPath());
        return new Route(name, prefix, upstream.getHost(), port, tls, basePath, timeout);
    }

    private static String normalisePrefix(String key, String prefix) {
        String trimmed = prefix.trim();
        if (!trimmed.startsWith("/")) {
            throw new IllegalArgumentException(key + ".prefix must start with '/': " + prefix);
        }
        if (trimmed.contains("?") || trimmed.contains("#") || trimmed.contains("*")) {
            throw new IllegalArgumentException(key + ".prefix must be a plain path: " + prefix);
        }
        String stripped = stripTrailingSlashes(trimmed);
        return stripped.isEmpty() ? "/" : stripped;
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
