package io.attain.gateway.proxy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        return newId();
    }

    /**
     * A random (version 4) UUID. An id correlates log lines and is shown to the caller; it guards nothing, so it
     * comes from the thread's fast generator rather than {@link UUID#randomUUID()}'s shared SecureRandom, which
     * showed in the gateway's CPU profile.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
