package io.attain.gateway.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Header rules of the proxy: what crosses the gateway in each direction and what the gateway adds.
 */
public final class ProxyHeaders {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    public static final String FORWARDED_HOST = "X-Forwarded-Host";

    /**
     * Hop-by-hop headers (RFC 9110 section 7.6.1 plus the legacy ones proxies still meet): they describe one
     * connection and are never forwarded.
     */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    /**
     * Headers about the original client that only a trusted proxy may set.
     */
    private static final Set<String> CLIENT_DESCRIBING = Set.of("x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "forwarded", "x-real-ip");

    private ProxyHeaders() {
    }

    /**
     * Facts about the incoming request that the gateway passes on.
     *
     * @param peerAddress address of the TCP peer, or {@code null} when unknown
     * @param scheme      {@code http} or {@code https} as seen by the gateway
     * @param authority   the Host (or :authority) the client used, or {@code null}
     */
    public record Origin(String peerAddress, String scheme, String authority) {
    }

    /**
     * Headers to send upstream: the client's end-to-end headers (Authorization included, unchanged) without
     * hop-by-hop headers, Host, Expect and, when a body is re-framed, Content-Length; plus X-Forwarded-* and
     * X-Request-Id.
     *
     * @param chunkedBody whether the body is sent with chunked framing (Content-Length then does not apply)
     */
    public static MultiMap forUpstream(MultiMap incoming, Origin origin, String requestId, boolean trustForwarded,
            boolean chunkedBody) {
        Set<String> excluded = connectionListed(incoming);
        MultiMap out = HttpHeaders.headers();
        for (Map.Entry<String, String> header : incoming) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || HOP_BY_HOP.contains(name) || excluded.contains(name)
                    || name.equals("host") || name.equals("expect") || name.equals("x-request-id")
                    || (chunkedBody && name.equals("content-length"))
                    || (!trustForwarded && CLIENT_DESCRIBING.contains(name))) {
                continue;
            }
            if (trustForwarded && (name.equals("x-forwarded-for") || name.equals("x-forwarded-proto")
                    || name.equals("x-forwarded-host"))) {
                continue; // rewritten below from the first value the trusted proxy sent
            }
            out.add(header.getKey(), header.getValue());
        }

        String forwardedFor = origin.peerAddress();
        String proto = origin.scheme();
        String host = origin.authority();
        if (trustForwarded) {
            forwardedFor = join(incoming.getAll(FORWARDED_FOR), origin.peerAddress());
            proto = firstNonBlank(incoming.get(FORWARDED_PROTO), proto);
            host = firstNonBlank(incoming.get(FORWARDED_HOST), host);
        }
        if (forwardedFor != null && !forwardedFor.isBlank()) {
            out.set(FORWARDED_FOR, forwardedFor);
        }
        if (proto != null) {
            out.set(FORWARDED_PROTO, proto);
        }
        if (host != null) {
            out.set(FORWARDED_HOST, host);
        }
        out.set(REQUEST_ID, requestId);
        return out;
    }

    /**
     * Headers to return to the client: the upstream's end-to-end headers without hop-by-hop ones and without the
     * upstream's X-Request-Id (the gateway sets its own on every response).
     */
    public static MultiMap forClient(MultiMap upstream) {
        MultiMap out = HttpHeaders.headers();
        copyForClient(upstream, out);
        return out;
    }

    /**
     * Adds the headers {@link #forClient(MultiMap)} keeps to {@code response} directly (no intermediate map).
     */
    public static void copyForClient(MultiMap upstream, MultiMap response) {
        Set<String> excluded = connectionListed(upstream);
        for (Map.Entry<String, String> header : upstream) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || HOP_BY_HOP.contains(name) || excluded.contains(name)
                    || name.equals("x-request-id")) {
                continue;
            }
            response.add(header.getKey(), header.getValue());
        }
        if (upstream.contains(HttpHeaders.TRANSFER_ENCODING)) {
            // Chunked framing wins over a stray Content-Length (RFC 9112 section 6.3).
            response.remove(HttpHeaders.CONTENT_LENGTH);
        }
    }

    /**
     * Header names listed in Connection: they are hop-by-hop for this message too.
     */
    private static Set<String> connectionListed(MultiMap headers) {
        if (!headers.contains(HttpHeaders.CONNECTION)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String join(Iterable<String> earlier, String last) {
        StringBuilder joined = new StringBuilder();
        for (String value : earlier) {
            if (!value.isBlank()) {
                if (!joined.isEmpty()) {
                    joined.append(", ");
                }
                joined.append(value.trim());
            }
        }
        if (last != null) {
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            joined.append(last);
        }
        return joined.toString();
    }

    private static String firstNonBlank(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred.trim() : fallback;
    }
}
