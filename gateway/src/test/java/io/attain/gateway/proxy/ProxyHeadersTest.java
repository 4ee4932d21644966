package io.attain.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

class ProxyHeadersTest {

    private static final ProxyHeaders.Origin ORIGIN = new ProxyHeaders.Origin("198.51.100.7", "https",
            "api.attain.example");

    @Test
    void shouldPassEndToEndHeadersIncludingAuthorizationUnchanged() {
        MultiMap incoming = headers("Authorization", "Bearer a.b.c", "Accept", "application/json",
                "Content-Type", "application/json", "Content-Length", "12", "Cookie", "s=1");

        MultiMap upstream = ProxyHeaders.forUpstream(incoming, ORIGIN, "rid-1", false, false);

        assertThat(upstream.get("Authorization")).isEqualTo("Bearer a.b.c");
        assertThat(upstream.get("Accept")).isEqualTo("application/json");
        assertThat(upstream.get("Content-Type")).isEqualTo("application/json");
        assertThat(upstream.get("Content-Length")).isEqualTo("12");
        assertThat(upstream.get("Cookie")).isEqualTo("s=1");
    }

    @Test
    void shouldDropHopByHopHostExpectAndConnectionListedHeaders() {
        MultiMap incoming = headers("Connection", "keep-alive, X-Trace-Hop", "Keep-Alive", "timeout=5",
                "X-Trace-Hop", "1", "Proxy-Authorization", "Basic x", "Proxy-Connection", "keep-alive",
                "TE", "trailers", "Trailer", "X-Sum", "Upgrade", "websocket", "Host", "api.attain.example",
                "Expect", "100-continue", "X-Kept", "yes");

        MultiMap upstream = ProxyHeaders.forUpstream(incoming, ORIGIN, "rid-1", false, false);

        assertThat(upstream.names()).containsExactlyInAnyOrder("X-Kept", "X-Forwarded-For", "X-Forwarded-Proto",
                "X-Forwarded-Host", "X-Request-Id");
    }

    @Test
    void shouldDropContentLengthAndTransferEncodingWhenTheBodyIsReframedAsChunked() {
        MultiMap incoming = headers("Transfer-Encoding", "chunked", "Content-Length", "5");

        MultiMap upstream = ProxyHeaders.forUpstream(incoming, ORIGIN, "rid-1", false, true);

        assertThat(upstream.contains(HttpHeaders.CONTENT_LENGTH)).isFalse();
        assertThat(upstream.contains(HttpHeaders.TRANSFER_ENCODING)).isFalse();
    }

    @Test
    void shouldReplaceClientSuppliedForwardedHeadersByDefault() {
        MultiMap incoming = headers("X-Forwarded-For", "203.0.113.1", "X-Forwarded-Proto", "http",
                "X-Forwarded-Host", "evil.example", "Forwarded", "for=203.0.113.1", "X-Real-IP", "203.0.113.1",
                "X-Request-Id", "from-client");

        MultiMap upstream = ProxyHeaders.forUpstream(incoming, ORIGIN, "rid-1", false, false);

        assertThat(upstream.getAll("X-Forwarded-For")).containsExactly("198.51.100.7");
        assertThat(upstream.getAll("X-Forwarded-Proto")).containsExactly("https");
        assertThat(upstream.getAll("X-Forwarded-Host")).containsExactly("api.attain.example");
        assertThat(upstream.getAll("X-Request-Id")).containsExactly("rid-1");
        assertThat(upstream.contains("Forwarded")).isFalse();
        assertThat(upstream.contains("X-Real-IP")).isFalse();
    }

    @Test
    void shouldAppendThePeerToForwardedForBehindATrustedProxy() {
        MultiMap incoming = headers("X-Forwarded-For", "203.0.113.1, 10.0.0.2", "X-Forwarded-For", "10.0.0.3",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.attain.example");
        ProxyHeaders.Origin ingress = new ProxyHeaders.Origin("10.0.0.9", "http", "gateway:8080");

        MultiMap upstream = ProxyHeaders.forUpstream(incoming, ingress, "rid-1", true, false);

        assertThat(upstream.getAll("X-Forwarded-For")).containsExactly("203.0.113.1, 10.0.0.2, 10.0.0.3, 10.0.0.9");
        assertThat(upstream.getAll("X-Forwarded-Proto")).containsExactly("https");
        assertThat(upstream.getAll("X-Forwarded-Host")).containsExactly("app.attain.example");
    }

    @Test
    void shouldFillForwardedHeadersFromTheConnectionWhenATrustedProxySentNone() {
        ProxyHeaders.Origin ingress = new ProxyHeaders.Origin("10.0.0.9", "http", "gateway:8080");

        MultiMap upstream = ProxyHeaders.forUpstream(headers(), ingress, "rid-1", true, false);

        assertThat(upstream.get("X-Forwarded-For")).isEqualTo("10.0.0.9");
        assertThat(upstream.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(upstream.get("X-Forwarded-Host")).isEqualTo("gateway:8080");
    }

    @Test
    void shouldOmitForwardedHeadersThatAreUnknown() {
        MultiMap upstream = ProxyHeaders.forUpstream(headers(), new ProxyHeaders.Origin(null, "http", null), "rid-1",
                false, false);

        assertThat(upstream.contains("X-Forwarded-For")).isFalse();
        assertThat(upstream.contains("X-Forwarded-Host")).isFalse();
        assertThat(upstream.get("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void shouldReturnUpstreamHeadersWithoutHopByHopOnesOrItsRequestId() {
        MultiMap fromUpstream = headers("Content-Type", "application/json", "Content-Length", "42",
                "Set-Cookie", "a=1", "Set-Cookie", "b=2", "Connection", "X-Secret", "X-Secret", "s",
                "Keep-Alive", "timeout=5", "X-Request-Id", "upstream-id", "Location", "/api/targets/targets/1");

        MultiMap toClient = ProxyHeaders.forClient(fromUpstream);

        assertThat(toClient.names()).containsExactlyInAnyOrder("Content-Type", "Content-Length", "Set-Cookie",
                "Location");
        assertThat(toClient.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void shouldPreferChunkedFramingOverAStrayContentLength() {
        MultiMap toClient = ProxyHeaders.forClient(headers("Transfer-Encoding", "chunked", "Content-Length", "9"));

        assertThat(toClient.isEmpty()).isTrue();
    }

    private static MultiMap headers(String... namesAndValues) {
        MultiMap headers = HttpHeaders.headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
