package io.attain.gateway.proxy;

import java.time.Duration;

/**
 * One validated route: requests whose path starts with {@code prefix} (on a segment boundary) go to the upstream.
 *
 * @param name         route name used in logs and metrics
 * @param prefix       path prefix without trailing slash ({@code /} matches every path)
 * @param upstreamHost upstream host name or address
 * @param upstreamPort upstream port
 * @param tls          whether the upstream is reached over HTTPS
 * @param basePath     path of the upstream base URL without trailing slash, usually empty
 * @param timeout      silence allowed from the upstream before the gateway gives up
 */
public record Route(String name, String prefix, String upstreamHost, int upstreamPort, boolean tls, String basePath,
        Duration timeout) {

    /**
     * Whether this route serves the given (normalised) request path.
     */
    public boolean matches(String path) {
        if ("/".equals(prefix)) {
            return true;
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /**
     * The request target sent upstream: base path, then the request path and the raw query unchanged.
     */
    public String upstreamUri(String path, String rawQuery) {
        String uri = basePath + path;
        return rawQuery == null ? uri : uri + "?" + rawQuery;
    }

    /**
     * Label for metrics ("uri" tag): one value per route instead of one per concrete path.
     */
    public String pathTemplate() {
        return "/".equals(prefix) ? "/*" : prefix + "/*";
    }
}
