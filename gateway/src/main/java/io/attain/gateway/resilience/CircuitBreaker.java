package io.attain.gateway.resilience;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one route.
 * <ul>
 * <li><b>closed</b>: every request goes through; the outcomes of the last {@code window} exchanges are kept, and
 * once at least {@code minimumCalls} are recorded and the share of failures reaches {@code failureRatio}, the
 * circuit opens;</li>
 * <li><b>open</b>: requests are refused at once for {@code openDuration} (the caller answers 503 with the time
 * left as Retry-After), so a dead upstream costs nothing but a map look-up;</li>
 * <li><b>half-open</b>: up to {@code halfOpenProbes} requests are let through; when all of them succeed the
 * circuit closes with an empty window, one failure opens it again.</li>
 * </ul>
 * An outcome is known when the upstream's response head arrives (or the exchange fails before it), so a request
 * holds a {@link Permit} until then. Outcomes of permits taken before the last change of state are ignored: a
 * slow request started while closed says nothing about the upstream after it recovered.
 * <p>
 * The state is guarded by the object's monitor: a handful of field updates per exchange, contended at most by
 * the few event-loop threads.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    /**
     * A permit that records nothing, handed out when circuit breaking is off.
     */
    public static final Permit UNGUARDED = new Permit(null, 0, false);

    private final CircuitBreakerPolicy policy;
    private final LongSupplier nanoClock;
    private final boolean[] window;

    private State state = State.CLOSED;
    /** Incremented on every change of state; permits carry the value they were taken under. */
    private long generation;
    private int nextSlot;
    private int recorded;
    private int failures;
    private long openUntilNanos;
    private int probesInFlight;
    private int probesSucceeded;

    public CircuitBreaker(CircuitBreakerPolicy policy) {
        this(policy, System::nanoTime);
    }

    CircuitBreaker(CircuitBreakerPolicy policy, LongSupplier nanoClock) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.window = new boolean[policy.window()];
    }

    /**
     * Asks to send one request upstream.
     *
     * @return the permit to settle once the outcome is known, or {@code null} when the circuit refuses the request
     */
    public synchronized Permit tryAcquire() {
        long now = nanoClock.getAsLong();
        if (state == State.OPEN) {
            if (now - openUntilNanos < 0) {
                return null;
            }
            transition(State.HALF_OPEN);
        }
        if (state == State.HALF_OPEN) {
            if (probesInFlight + probesSucceeded >= policy.halfOpenProbes()) {
                return null;
            }
            probesInFlight++;
            return new Permit(this, generation, true);
        }
        return new Permit(this, generation, false);
    }

    /**
     * Time until an open circuit lets probes through; zero when it is not open (or the time is up).
     */
    public synchronized long retryAfterNanos() {
        if (state != State.OPEN) {
            return 0;
        }
        return Math.max(0, openUntilNanos - nanoClock.getAsLong());
    }

    /**
     * {@link #retryAfterNanos()} as whole seconds for a Retry-After header, at least 1.
     */
    public long retryAfterSeconds() {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(retryAfterNanos() + 999_999_999L));
    }

    public synchronized State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openUntilNanos >= 0) {
            return State.HALF_OPEN;
        }
        return state;
    }

    private synchronized void settle(Permit permit, Boolean success) {
        if (permit.generation != generation) {
            return;
        }
        if (state == State.HALF_OPEN && permit.probe) {
            probesInFlight--;
            if (success == null) {
                return;
            }
            if (!success) {
                open();
            } else if (++probesSucceeded >= policy.halfOpenProbes()) {
                transition(State.CLOSED);
            }
            return;
        }
        if (state == State.CLOSED && success != null) {
            record(!success);
        }
    }

    private void record(boolean failure) {
        if (recorded == window.length) {
            if (window[nextSlot]) {
                failures--;
            }
        } else {
            recorded++;
        }
        window[nextSlot] = failure;
        if (failure) {
            failures++;
        }
        nextSlot = (nextSlot + 1) % window.length;
        if (recorded >= policy.minimumCalls() && failures >= policy.failureRatio() * recorded) {
            open();
        }
    }

    private void open() {
        transition(State.OPEN);
        openUntilNanos = nanoClock.getAsLong() + policy.openDuration().toNanos();
    }

    private void transition(State next) {
        state = next;
        generation++;
        probesInFlight = 0;
        probesSucceeded = 0;
        if (next == State.CLOSED) {
            nextSlot = 0;
            recorded = 0;
            failures = 0;
        }
    }

    /**
     * The right to send one request; settle it exactly once with the outcome, or {@link #release()} it when the
     * exchange ended without one (the client went away, the body was too large). Further calls are ignored.
     */
    public static final class Permit {

        private final CircuitBreaker breaker;
        private final long generation;
        private final boolean probe;
        private boolean settled;

        private Permit(CircuitBreaker breaker, long generation, boolean probe) {
            this.breaker = breaker;
            this.generation = generation;
            this.probe = probe;
        }

        public void success() {
            settle(Boolean.TRUE);
        }

        public void failure() {
            settle(Boolean.FALSE);
        }

        public void release() {
            settle(null);
        }

        private void settle(Boolean success) {
            if (settled || breaker == null) {
                return;
            }
            settled = true;
            breaker.settle(this, success);
        }
    }
}
