package io.attain.incentive.messaging;

import io.attain.incentive.service.PeriodService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Keeps open periods' statements in step with the ledger: every few seconds
 * ({@code attain.incentive.recalculation-interval}), the periods whose members got a credit, payment or quota
 * (or whose plans or rates changed) since their last run are calculated anew. One round at a time; a failed
 * round leaves its work for the next.
 */
@ApplicationScoped
public class StatementRecalculation {

    private static final Logger LOG = Logger.getLogger(StatementRecalculation.class);

    @Inject
    PeriodService periods;

    @Scheduled(identity = "statement-recalculation", every = "${attain.incentive.recalculation-interval:5s}",
            delayed = "${attain.incentive.recalculation-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recalculate() {
        try {
            periods.recalculateStale();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Statement recalculation failed; retried on the next round");
        }
    }
}
