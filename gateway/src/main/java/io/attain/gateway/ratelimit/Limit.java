package io.attain.gateway.ratelimit;

/**
 * One validated limit: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
 *
 * @param requestsPerSecond sustained rate
 * @param burst             bucket size
 * @param intervalNanos     time to refill one token
 */
record Limit(double requestsPerSecond, int burst, long intervalNanos) {

    static Limit of(String key, double requestsPerSecond, int burst) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException(key + ".requests-per-second must be a positive number, got "
                    + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException(key + ".burst must be at least 1, got " + burst);
        }
        long interval = Math.max(1, Math.round(1_000_000_000d / requestsPerSecond));
        return new Limit(requestsPerSecond, burst, interval);
    }

    /** How far ahead of now the bucket's arrival time may run: {@code burst} intervals. */
    long capacityNanos() {
        return Math.multiplyExact(intervalNanos, (long) burst);
    }
}
