package io.attain.incentive.messaging;

import io.attain.incentive.service.LedgerCalendar;
import io.attain.incentive.service.PeriodService;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps open periods' statements in step with the ledger. A transaction that marks statements stale (a credit,
 * payment, quota, org, plan or rate change) wakes this worker when it commits, and the worker recalculates the
 * members concerned at once ({@link PeriodService#recalculateStale}), on its own thread so that the consumers
 * go on meanwhile: changes committed during a round are taken together by the next one, so a backlog costs a
 * recalculation per member per round rather than per event.
 *
 * <p>Every {@code attain.incentive.recalculation-interval} without a wake-up it looks anyway: markers left by a
 * failed round, or committed just before a restart, are not forgotten. One round at a time.
 */
@ApplicationScoped
public class StatementRecalculation {

    private static final Logger LOG = Logger.getLogger(StatementRecalculation.class);

    @Inject
    PeriodService periods;

    @ConfigProperty(name = "attain.incentive.recalculation-interval", defaultValue = "5s")
    Duration interval;

    private final Semaphore due = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent started) {
        running = true;
        worker = Thread.ofPlatform().name("statement-recalculation").daemon().start(this::work);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Called after a transaction that marked statements stale has committed: recalculate now. */
    void onStale(@Observes LedgerCalendar.StatementsStale stale) {
        due.release();
    }

    private void work() {
        while (running) {
            try {
                due.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                // Wake-ups that came during the last round are all served by this one.
                due.drainPermits();
                round();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void round() throws InterruptedException {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            periods.recalculateStale();
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            LOG.warnf(e, "Statement recalculation failed; retried on the next round");
            // A failure that repeats at once (the database away) should not spin.
            Thread.sleep(interval.toMillis());
        } finally {
            requestContext.terminate();
        }
    }
}
