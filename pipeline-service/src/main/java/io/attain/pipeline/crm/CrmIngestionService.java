package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.CrmBatchResult;
import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.pipeline.crm.CrmDtos.CrmEventResult;
import io.attain.pipeline.crm.CrmDtos.Outcome;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The transaction boundary of CRM ingestion: every accepted event is committed before its delivery is answered.
 * A batch is applied in one transaction, its events in the order of their deals' locks so that concurrent batches
 * never wait on each other in a circle; should that transaction fail as a whole (a conflict with a concurrent
 * delivery), each event is applied again in a transaction of its own, so one event never undoes another.
 */
@ApplicationScoped
public class CrmIngestionService {

    private static final Logger LOG = Logger.getLogger(CrmIngestionService.class);
    /** Deadlock, serialization failure, unique violation: a concurrent delivery won a race; the next attempt sees it. */
    private static final Set<String> RETRYABLE_STATES = Set.of("40P01", "40001", "23505");
    private static final int ATTEMPTS = 3;

    @Inject
    CrmDealApplier applier;

    @Inject
    EntityManager em;

    /** One event in a transaction of its own; a refusal is thrown as its problem. */
    public CrmEventResult ingest(String client, CrmDealEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> applier.apply(client, event));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                LOG.debugf("CRM event %s of %s conflicted with a concurrent delivery; attempt %d", event.eventId(), client, attempt + 1);
            }
        }
    }

    /** The events of a batch, each with its result in the order sent. */
    CrmBatchResult ingest(String client, List<CrmEventReader.Item> items) {
        CrmEventResult[] results = new CrmEventResult[items.size()];
        List<CrmEventReader.Item> valid = new ArrayList<>();
        for (CrmEventReader.Item item : items) {
            if (item.problem() != null) {
                results[item.index()] = rejected(item.eventId(), item.problem()).at(item.index());
            } else {
                valid.add(item);
            }
        }
        valid.sort(Comparator.comparingLong((CrmEventReader.Item item) ->
                CrmDealApplier.lockKey(item.event().crmSystem(), item.event().crmDealId())).thenComparingInt(CrmEventReader.Item::index));
        CrmEventResult[] together = new CrmEventResult[items.size()];
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (CrmEventReader.Item item : valid) {
                    together[item.index()] = applyRefusing(client, item);
                    // The next event needs none of this one's entities: keep the flushes short.
                    em.flush();
                    em.clear();
                }
            });
            valid.forEach(item -> results[item.index()] = together[item.index()]);
        } catch (RuntimeException e) {
            LOG.debugf(e, "A batch of %d CRM events of %s failed as a whole; applying them one by one", valid.size(), client);
            for (CrmEventReader.Item item : valid) {
                results[item.index()] = one(client, item);
            }
        }
        return CrmBatchResult.of(Arrays.asList(results));
    }

    private CrmEventResult one(String client, CrmEventReader.Item item) {
        try {
            return ingest(client, item.event()).at(item.index());
        } catch (ProblemException e) {
            return rejected(item.eventId(), problemOf(e)).at(item.index());
        } catch (RuntimeException e) {
            LOG.errorf(e, "CRM event %s of %s could not be applied", item.eventId(), client);
            return rejected(item.eventId(), new Problem(Problem.type("temporarily-unavailable"), "Temporarily unavailable",
                    503, "the event could not be applied now and was not accepted; send it again", null, List.of()))
                    .at(item.index());
        }
    }

    private CrmEventResult applyRefusing(String client, CrmEventReader.Item item) {
        try {
            return applier.apply(client, item.event()).at(item.index());
        } catch (ProblemException e) {
            return rejected(item.eventId(), problemOf(e)).at(item.index());
        }
    }

    private static CrmEventResult rejected(String eventId, Problem problem) {
        return new CrmEventResult(null, eventId, Outcome.REJECTED, null, null, null, null, problem);
    }

    private static Problem problemOf(ProblemException e) {
        return new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), null, e.errors());
    }

    private static boolean isRetryable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
