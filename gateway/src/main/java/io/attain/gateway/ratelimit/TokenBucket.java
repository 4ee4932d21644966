package io.attain.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free token bucket in its GCRA form: one number, the theoretical arrival time (TAT) of the next request,
 * moved forward by one emission interval per admitted request. A request is admitted while the TAT is at most
 * {@code burst} intervals ahead of now, which is exactly a bucket of {@code burst} tokens refilled at one token
 * per interval. Times are {@link System#nanoTime()} values and are only ever compared by difference.
 */
final class TokenBucket {

    private final AtomicLong theoreticalArrival;

    TokenBucket(long nowNanos) {
        this.theoreticalArrival = new AtomicLong(nowNanos);
    }

    /**
     * Takes one token if there is one.
     *
     * @return a negative value when admitted ({@code -1 - remaining tokens}), otherwise the nanoseconds until a
     *         token will be available
     */
    long tryAcquire(long nowNanos, Limit limit) {
        long capacity = limit.capacityNanos();
        while (true) {
            long current = theoreticalArrival.get();
            long base = current - nowNanos > 0 ? current : nowNanos;
            long next = base + limit.intervalNanos();
            long ahead = next - nowNanos;
            if (ahead > capacity) {
                return ahead - capacity;
            }
            if (theoreticalArrival.compareAndSet(current, next)) {
                return -1 - (capacity - ahead) / limit.intervalNanos();
            }
        }
    }

    /**
     * Gives back a token taken by {@link #tryAcquire} for a request that another bucket then refused.
     */
    void refund(Limit limit) {
        theoreticalArrival.addAndGet(-limit.intervalNanos());
    }
}
