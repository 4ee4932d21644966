package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.CrmBatchResult;
import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.pipeline.crm.CrmDtos.CrmEventResult;
import io.attain.pipeline.crm.CrmDtos.Outcome;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transaction boundary of CRM ingestion: every accepted event is committed before its delivery is answered.
 * A delivery (one event or a whole batch) is one transaction of a fixed number of round trips: the deals' locks
 * and the reads in a few statements ({@link CrmStore#load}), the events applied in memory in the order of their
 * deals' locks ({@link CrmDealApplier}), then every write as one JDBC batch per table ({@link CrmStore#save}).
 * A conflict with a concurrent delivery (deadlock, unique key) rolls the transaction back and it runs again;
 * should a batch still fail as a whole, each event is applied again in a transaction of its own, so one event
 * never undoes another.
 *
 * <p>Single deliveries of one client that arrive while one of its transactions runs are applied together in the next
 * ({@link GroupCommit}): one transaction for many requests, each answered after that transaction committed, with its
 * own event's result or refusal, exactly as if it had run alone after the others.
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
    CrmStore store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CrmConfig config;

    private GroupCommit<String, CrmDealEvent, Applied> singles;

    @PostConstruct
    void createGroupCommit() {
        singles = new GroupCommit<>(config.maxGroupEvents(), this::applySingles);
    }

    /**
     * What became of one event of a transaction: its result, the refusal that keeps it out, or (a single delivery
     * only) the failure of its own transaction.
     */
    private record Applied(CrmEventResult result, ProblemException refusal, RuntimeException failure) {
        Applied(CrmEventResult result, ProblemException refusal) {
            this(result, refusal, null);
        }
    }

    /**
     * One event, committed before this returns: in the transaction of concurrent single deliveries of the same client
     * when there are any; a refusal is thrown as its problem.
     */
    public CrmEventResult ingest(String client, CrmDealEvent event) {
        Applied applied = singles.submit(client, event);
        if (applied.refusal() != null) {
            throw applied.refusal();
        }
        if (applied.failure() != null) {
            throw applied.failure();
        }
        return applied.result();
    }

    /** Single deliveries of {@code client} waiting for the transaction that will take them. */
    int queuedSingles(String client) {
        return singles.queued(client);
    }

    /**
     * Single deliveries that arrived together, in arrival order: one transaction as for a batch (an event id repeated
     * among them is a {@code DUPLICATE} of its first arrival); should it fail as a whole, each event runs again in a
     * transaction of its own, whose failure is that delivery's alone.
     */
    private List<Applied> applySingles(String client, List<CrmDealEvent> events) {
        List<CrmEventReader.Item> items = new ArrayList<>(events.size());
        for (CrmDealEvent event : events) {
            items.add(new CrmEventReader.Item(items.size(), event.eventId(), event, null));
        }
        try {
            return Arrays.asList(inTransaction(client, items));
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                throw e; // as before grouping: the delivery's own failure
            }
            LOG.debugf(e, "%d concurrent CRM events of %s failed together; applying them one by one", items.size(), client);
            List<Applied> each = new ArrayList<>(items.size());
            for (CrmEventReader.Item item : items) {
                try {
                    each.add(inTransaction(client, List.of(item))[0]);
                } catch (RuntimeException failure) {
                    each.add(new Applied(null, null, failure));
                }
            }
            return each;
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
        if (!valid.isEmpty()) {
            try {
                Applied[] together = inTransaction(client, valid);
                for (int i = 0; i < valid.size(); i++) {
                    results[valid.get(i).index()] = outcome(valid.get(i), together[i]);
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "A batch of %d CRM events of %s failed as a whole; applying them one by one", valid.size(), client);
                for (CrmEventReader.Item item : valid) {
                    results[item.index()] = one(client, item);
                }
            }
        }
        return CrmBatchResult.of(Arrays.asList(results));
    }

    private CrmEventResult one(String client, CrmEventReader.Item item) {
        try {
            return outcome(item, inTransaction(client, List.of(item))[0]);
        } catch (RuntimeException e) {
            LOG.errorf(e, "CRM event %s of %s could not be applied", item.eventId(), client);
            return rejected(item.eventId(), new Problem(Problem.type("temporarily-unavailable"), "Temporarily unavailable",
                    503, "the event could not be applied now and was not accepted; send it again", null, List.of()))
                    .at(item.index());
        }
    }

    private static CrmEventResult outcome(CrmEventReader.Item item, Applied applied) {
        return applied.refusal() != null
                ? rejected(item.eventId(), problemOf(applied.refusal())).at(item.index())
                : applied.result().at(item.index());
    }

    /**
     * Applies the events in one transaction, run again when a concurrent delivery got in the way.
     *
     * @return what became of each event, in the order given
     */
    private Applied[] inTransaction(String client, List<CrmEventReader.Item> items) {
        // In the order of the deals' locks, and within one deal in the order sent.
        List<CrmEventReader.Item> ordered = items.stream()
                .sorted(Comparator.comparingLong((CrmEventReader.Item item) ->
                        CrmDealApplier.lockKey(item.event().crmSystem(), item.event().crmDealId()))
                        .thenComparingInt(CrmEventReader.Item::index))
                .toList();
        for (int attempt = 1; ; attempt++) {
            try {
                Map<CrmEventReader.Item, Applied> applied = QuarkusTransaction.requiringNew().call(() -> apply(client, ordered));
                Applied[] inOrder = new Applied[items.size()];
                for (int i = 0; i < items.size(); i++) {
                    inOrder[i] = applied.get(items.get(i));
                }
                return inOrder;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                LOG.debugf("%s CRM events of %s conflicted with a concurrent delivery; attempt %s", (Object) items.size(), client, attempt + 1);
            }
        }
    }

    private Map<CrmEventReader.Item, Applied> apply(String client, List<CrmEventReader.Item> ordered) {
        // Items are records: the same event at two positions of a batch differs by its index.
        Map<CrmEventReader.Item, Applied> applied = new IdentityHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            CrmUnitOfWork work = store.load(connection, client, ordered.stream().map(CrmEventReader.Item::event).toList());
            for (CrmEventReader.Item item : ordered) {
                try {
                    applied.put(item, new Applied(applier.apply(client, item.event(), work), null));
                } catch (ProblemException e) {
                    applied.put(item, new Applied(null, e));
                }
            }
            store.save(connection, work);
        } catch (SQLException e) {
            throw new IllegalStateException("CRM events could not be stored: " + e.getMessage(), e);
        }
        return applied;
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
