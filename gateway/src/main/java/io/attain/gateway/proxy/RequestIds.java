package io.attain.gateway.proxy;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * X-Request-Id handling: a well-formed id from the caller is kept, anything else is replaced by a fresh UUID.
 */
public final class RequestIds {

    /**
     * Ids end up in log lines and response headers, so only a conservative alphabet and length is accepted.
     */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    private RequestIds() {
    }

    public static String fromHeaderOrNew(String headerValue) {
        if (headerValue != null && ACCEPTED.matcher(headerValue).matches()) {
            return headerValue;
        }
        return UUID.randomUUID().toString();
    }
}
