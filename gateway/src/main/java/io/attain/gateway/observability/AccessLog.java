package io.attain.gateway.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * One line per request the gateway handles, in key=value form for log processors. The query string is left out
 * on purpose: it may carry personal data.
 * <p>
 * Lines are handed to the logger in batches by one background thread, every {@link #BATCH_MILLIS} ms at most, not
 * one by one from the event loops: logging a line wakes the console's writer thread (asynchronous handler), and
 * at a moderate rate, where requests arrive one at a time, that wake-up per request cost more CPU than the line
 * itself (bench/gateway-load). A batch wakes it once. No line is dropped: when the queue is full the event loop logs
 * the line itself, and the queue is emptied at shutdown.
 */
public final class AccessLog {

    public static final String CATEGORY = "io.attain.gateway.access";

    /** Longest time a line waits before it is handed to the logger. */
    static final long BATCH_MILLIS = 10;

    /** After this long without lines the batching thread sleeps until the next line arrives. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private static final ArrayBlockingQueue<String> PENDING = new ArrayBlockingQueue<>(8192);

    private static final Thread BATCHER = Thread.ofPlatform().daemon().name("gateway-access-log")
            .unstarted(AccessLog::batchLoop);

    /** Whether the batching thread sleeps without a time limit (idle), so a new line must wake it. */
    private static volatile boolean idle;

    static {
        BATCHER.start();
    }

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
        String text = line.toString();
        if (!PENDING.offer(text)) {
            LOG.info(text);
            return;
        }
        if (idle) {
            LockSupport.unpark(BATCHER);
        }
    }

    /**
     * Hands every waiting line to the logger now (shutdown, tests).
     */
    public static void flush() {
        List<String> batch = new ArrayList<>();
        PENDING.drainTo(batch);
        batch.forEach(LOG::info);
    }

    private static void batchLoop() {
        List<String> batch = new ArrayList<>(256);
        long lastLine = System.nanoTime();
        while (true) {
            try {
                if (PENDING.drainTo(batch) > 0) {
                    batch.forEach(LOG::info);
                    batch.clear();
                    lastLine = System.nanoTime();
                } else if (System.nanoTime() - lastLine > IDLE_NANOS) {
                    idle = true;
                    if (PENDING.isEmpty()) {
                        LockSupport.park();
                    }
                    idle = false;
                    continue;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
            } catch (RuntimeException | Error e) {
                batch.clear();
                // Logging itself failed; keep going so the next lines still get out.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
            }
        }
    }

    /**
     * Empties the queue when the application stops, so the last requests are logged.
     */
    @Singleton
    static class Shutdown {

        void onStop(@Observes ShutdownEvent event) {
            flush();
        }
    }
}
