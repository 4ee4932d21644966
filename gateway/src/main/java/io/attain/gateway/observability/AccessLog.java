package io.attain.gateway.observability;

import org.jboss.logging.Logger;

/**
 * One line per request the gateway handles, in key=value form for log processors. The query string is left out
 * on purpose: it may carry personal data.
 */
public final class AccessLog {

    public static final String CATEGORY = "io.attain.gateway.access";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AccessLog() {
    }

    /**
     * @param route   the route name, or {@code null} when no route matched
     * @param aborted whether the connection broke before the response was complete
     */
    public static void record(String method, String path, int status, long latencyMillis, String requestId,
            String route, boolean aborted) {
        LOG.infof("method=%s path=%s status=%d latency_ms=%d request_id=%s route=%s%s", method, path, status,
                latencyMillis, requestId, route == null ? "-" : route, aborted ? " aborted=true" : "");
    }
}
