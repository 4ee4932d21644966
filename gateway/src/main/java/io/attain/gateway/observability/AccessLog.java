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
        if (!LOG.isInfoEnabled()) {
            return;
        }
        // Concatenated rather than infof: printf-style formatting of every line showed in the CPU profile.
        StringBuilder line = new StringBuilder(96 + path.length() + requestId.length())
                .append("method=").append(method)
                .append(" path=").append(path)
                .append(" status=").append(status)
                .append(" latency_ms=").append(latencyMillis)
                .append(" request_id=").append(requestId)
                .append(" route=").append(route == null ? "-" : route);
        if (aborted) {
            line.append(" aborted=true");
        }
        LOG.info(line.toString());
    }
}
