package io.attain.pipeline.service;

import io.attain.events.DealEvent;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.pipeline.api.DealDtos.CreateDeal;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.domain.StageTransition;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.outbox.Outbox;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Deals and their stage changes. Each change is committed with its stage transition and a deal event
 * carrying the full snapshot, written to the outbox in the same transaction.
 * A rep works on their own deals only; anything else is reported as not found.
 */
@ApplicationScoped
@Transactional
public class DealService {

    /** Above this a deal amount is taken for a typing mistake rather than a sale. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000000");

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    public Deal create(CreateDeal request) {
        String owner = request.ownerId() == null ? caller.id() : request.ownerId();
        if (!owner.equals(caller.id()) && caller.isOnlyRep()) {
            throw ProblemException.invalidField("ownerId", "a rep creates deals for themselves only");
        }
        Money amount = checkedAmount(request.amount());
        Instant now = Instant.now();
        Deal deal = new Deal();
        deal.id = UUID.randomUUID();
        deal.name = request.name().strip();
        deal.accountId = request.accountId();
        deal.ownerId = owner;
        deal.amount = amount.amount();
        deal.currency = amount.currency();
        deal.productLine = request.productLine().strip();
        deal.channel = request.channel();
        deal.region = request.region();
        deal.customerTier = request.customerTier();
        deal.newCustomer = Boolean.TRUE.equals(request.newCustomer());
        deal.expectedCloseDate = request.expectedCloseDate();
        deal.createdAt = now;
        deal.moveTo(Stage.LEAD, now);
        deal.persistAndFlush();
        StageTransition.record(deal.id, null, Stage.LEAD, now, caller.id());
        publish(deal, EventTypes.DEAL_CREATED, null, List.of());
        return deal;
    }

    public Deal moveStage(UUID id, Stage next) {
        Deal deal = findInScope(id).orElseThrow(() -> ProblemException.notFound("deal", id));
        Stage from = deal.stage;
        if (!from.canMoveTo(next)) {
            String allowed = from.allowedNext().stream().map(Stage::name).collect(Collectors.joining(", "));
            throw ProblemException.conflict("illegal-stage-transition", "Illegal stage transition",
                    "a deal in " + from + " cannot move to " + next + "; allowed: "
                            + (allowed.isEmpty() ? "none (final stage)" : allowed));
        }
        Instant now = Instant.now();
        deal.moveTo(next, now);
        Deal.getEntityManager().flush();
        StageTransition.record(deal.id, from, next, now, caller.id());
        publish(deal, EventTypes.DEAL_STAGE_CHANGED, from, List.of("stage"));
        return deal;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Deal> findInScope(UUID id) {
        return Deal.<Deal>findByIdOptional(id).filter(this::mayAccess);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StageTransition> history(UUID id) {
        findInScope(id).orElseThrow(() -> ProblemException.notFound("deal", id));
        return StageTransition.of(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Deal> list(String ownerId, Stage stage, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (caller.isOnlyRep()) {
            where.append(" and ownerId = :self");
            params.and("self", caller.id());
        }
        if (ownerId != null) {
            where.append(" and ownerId = :owner");
            params.and("owner", ownerId);
        }
        if (stage != null) {
            where.append(" and stage = :stage");
            params.and("stage", stage);
        }
        var query = Deal.<Deal>find(where.toString(), Sort.descending("updatedAt").and("id"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /**
     * Reps see their own deals. Managers, finance and admins see every deal until the org read model
     * (built from targets-service's org events) narrows managers to their subtree.
     */
    private boolean mayAccess(Deal deal) {
        return !caller.isOnlyRep() || deal.ownerId.equals(caller.id());
    }

    private void publish(Deal deal, String type, Stage previousStage, List<String> changedFields) {
        // The caller flushed, so the JPA version is the one this change gave the deal (0 when created):
        // the API, the snapshot and the event's ce_aggregateversion all show the same number.
        long version = deal.version;
        outbox.publish(Topics.DEAL_EVENTS, type, "deal", deal.id.toString(), version, deal.updatedAt,
                new DealEvent(deal.id, version, deal.updatedAt, caller.id(),
                        previousStage == null ? null : previousStage.name(), changedFields, null,
                        deal.snapshot(version)));
    }

    private static Money checkedAmount(Money amount) {
        if (amount.isNegative()) {
            throw ProblemException.invalidField("amount.amount", "must not be negative");
        }
        if (amount.amount().stripTrailingZeros().scale() > Money.minorUnits(amount.currency())) {
            throw ProblemException.invalidField("amount.amount",
                    "has more decimals than " + amount.currency() + " allows (" + Money.minorUnits(amount.currency()) + ")");
        }
        if (amount.amount().compareTo(MAX_AMOUNT) > 0) {
            throw ProblemException.invalidField("amount.amount", "is implausibly large (above " + MAX_AMOUNT.toPlainString() + ")");
        }
        return amount;
    }
}
