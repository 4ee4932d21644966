package io.attain.pipeline.service;

import io.attain.events.DealEvent;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.Topics;
import io.attain.pipeline.api.DealDtos.SaveDeal;
import io.attain.pipeline.api.DealDtos.Split;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.DealSplit;
import io.attain.pipeline.domain.DealTerms;
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
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Deals, their commercial terms and their stage changes. Each change is committed with a deal event carrying the
 * full snapshot (and, for a stage change, its stage transition), written to the outbox in the same transaction.
 * A rep works on their own deals only; anything else is reported as not found.
 */
@ApplicationScoped
@Transactional
public class DealService {

    /** Above this a deal amount is taken for a typing mistake rather than a sale. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000000");

    /** The width of {@code deal_split.member_id}, like every user id column. */
    static final int MAX_MEMBER_ID_LENGTH = 100;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    AccountService accountService;

    /** Largest credit split a deal may have; more members is a mistake rather than a team sale. */
    static final int MAX_SPLITS = 10;

    private static final BigDecimal WHOLE = new BigDecimal("100");

    public Deal create(SaveDeal request) {
        String owner = request.ownerId() == null ? caller.id() : request.ownerId();
        if (!owner.equals(caller.id()) && caller.isOnlyRep()) {
            throw ProblemException.invalidField("ownerId", "a rep creates deals for themselves only");
        }
        checkOwnerId(owner);
        if (request.accountId() != null) {
            checkAccount(request.accountId());
        }
        List<DealSplit> splits = request.splits() == null
                ? List.of(new DealSplit(owner, WHOLE))
                : checkedSplits(request.splits(), owner);
        Instant now = Instant.now();
        Deal deal = Deal.open(UUID.randomUUID(), terms(request, owner, splits), now);
        deal.persistAndFlush();
        StageTransition.record(deal.id, null, Stage.LEAD, now, caller.id());
        publish(deal, EventTypes.DEAL_CREATED, null, List.of());
        return deal;
    }

    /**
     * Replaces the commercial terms of a deal; its stage moves only through {@link #moveStage}. A change is
     * published as one {@code deal.updated} event naming the changed snapshot fields; a request that changes
     * nothing leaves the deal, its version and the event stream alone.
     *
     * @param expectedVersion the version the client changed (from If-Match); empty for any version
     */
    public Deal update(UUID id, OptionalLong expectedVersion, SaveDeal request) {
        // Locked so that the version compared is the version overwritten.
        Deal deal = Deal.<Deal>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(this::mayAccess).orElseThrow(() -> ProblemException.notFound("deal", id));
        AccountService.checkVersion("deal", deal.version, expectedVersion);
        String owner = request.ownerId() == null ? deal.ownerId : request.ownerId();
        if (!owner.equals(deal.ownerId) && caller.isOnlyRep()) {
            throw ProblemException.invalidField("ownerId", "a rep cannot hand a deal to someone else; ask a manager");
        }
        checkOwnerId(owner);
        // An unchanged account is not checked again: a deal keeps the account it was opened on.
        if (request.accountId() != null && !request.accountId().equals(deal.accountId)) {
            checkAccount(request.accountId());
        }
        List<DealSplit> splits;
        if (request.splits() != null) {
            splits = checkedSplits(request.splits(), owner);
        } else if (deal.splits.size() == 1 && deal.splits.getFirst().equals(new DealSplit(deal.ownerId, WHOLE))) {
            // The owner's whole credit follows the deal to its new owner.
            splits = List.of(new DealSplit(owner, WHOLE));
        } else {
            splits = List.copyOf(deal.splits);
            if (splits.stream().noneMatch(split -> split.memberId.equals(owner))) {
                throw ProblemException.invalidField("splits", "the deal is split between "
                        + splits.stream().map(split -> split.memberId).collect(Collectors.joining(", "))
                        + "; send splits that give the new owner " + owner + " a share");
            }
        }
        List<String> changed = deal.amend(terms(request, owner, splits), Instant.now());
        if (changed.isEmpty()) {
            return deal;
        }
        Deal.getEntityManager().flush();
        publish(deal, EventTypes.DEAL_UPDATED, null, changed);
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

    private void checkAccount(UUID accountId) {
        if (accountService.findInScope(accountId).isEmpty()) {
            throw ProblemException.invalidField("accountId", "account " + accountId + " does not exist");
        }
    }

    private static void checkOwnerId(String owner) {
        if (owner.isBlank()) {
            throw ProblemException.invalidField("ownerId", "must not be blank");
        }
    }

    private static DealTerms terms(SaveDeal request, String owner, List<DealSplit> splits) {
        return new DealTerms(request.name().strip(), request.accountId(), owner, checkedAmount(request.amount()),
                request.productLine().strip(), request.channel(), request.region(), request.customerTier(),
                Boolean.TRUE.equals(request.newCustomer()), request.expectedCloseDate(), splits);
    }

    /**
     * Credit splits as incentive-service shares them out: each member once with a positive share of at most
     * 100 percent in at most four decimals, the shares adding up to exactly 100, the owner among them.
     */
    static List<DealSplit> checkedSplits(List<Split> requested, String owner) {
        if (requested.isEmpty()) {
            throw ProblemException.invalidField("splits", "must give at least the owner a share; leave it out for the owner 100%");
        }
        if (requested.size() > MAX_SPLITS) {
            throw ProblemException.invalidField("splits", "may name at most " + MAX_SPLITS + " members, not " + requested.size());
        }
        Set<String> members = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        List<DealSplit> splits = new ArrayList<>();
        for (Split split : requested) {
            if (split == null || split.memberId() == null || split.memberId().isBlank() || split.percent() == null) {
                throw ProblemException.invalidField("splits", "each split needs a memberId and a percent");
            }
            String member = split.memberId().strip();
            if (member.length() > MAX_MEMBER_ID_LENGTH) {
                throw ProblemException.invalidField("splits", "memberId must be at most " + MAX_MEMBER_ID_LENGTH + " characters");
            }
            BigDecimal percent = split.percent();
            if (percent.signum() <= 0 || percent.compareTo(WHOLE) > 0) {
                throw ProblemException.invalidField("splits", "percent of " + member + " must be above 0 and at most 100, not "
                        + percent.toPlainString());
            }
            if (percent.stripTrailingZeros().scale() > DealSplit.PERCENT_SCALE) {
                throw ProblemException.invalidField("splits", "percent of " + member + " has more than "
                        + DealSplit.PERCENT_SCALE + " decimals: " + percent.toPlainString());
            }
            if (!members.add(member)) {
                throw ProblemException.invalidField("splits", "names " + member + " more than once");
            }
            sum = sum.add(percent);
            splits.add(new DealSplit(member, percent));
        }
        if (sum.compareTo(WHOLE) != 0) {
            throw ProblemException.invalidField("splits", "percentages must sum to exactly 100, not " + sum.toPlainString());
        }
        if (!members.contains(owner)) {
            throw ProblemException.invalidField("splits", "must give the owner " + owner + " a share");
        }
        return splits;
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
