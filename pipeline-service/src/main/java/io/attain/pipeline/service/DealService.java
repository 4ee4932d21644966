package io.attain.pipeline.service;

import io.attain.events.DealEvent;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.PaymentChange;
import io.attain.events.Topics;
import io.attain.pipeline.api.DealDtos.SaveDeal;
import io.attain.pipeline.api.DealDtos.Split;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.DealSplit;
import io.attain.pipeline.domain.DealTerms;
import io.attain.pipeline.domain.PipelineLayout;
import io.attain.pipeline.domain.PipelineStage;
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

    @Inject
    OwnerScope scope;

    @Inject
    PipelineService pipelineService;

    /** Largest credit split a deal may have; more members is a mistake rather than a team sale. */
    static final int MAX_SPLITS = 10;

    private static final BigDecimal WHOLE = new BigDecimal("100");

    public Deal create(SaveDeal request) {
        return create(request, null);
    }

    /**
     * Opens a deal at the first stage of a pipeline.
     *
     * @param pipelineId the pipeline; {@code null} for the owner's team pipeline ({@link PipelineService#pipelineForOwner})
     */
    public Deal create(SaveDeal request, UUID pipelineId) {
        String owner = request.ownerId() == null ? caller.id() : request.ownerId();
        if (!owner.equals(caller.id()) && caller.isOnlyRep()) {
            throw ProblemException.invalidField("ownerId", "a rep creates deals for themselves only");
        }
        checkOwnerId(owner);
        checkOwnerInScope(owner);
        if (request.accountId() != null) {
            checkAccount(request.accountId());
        }
        List<DealSplit> splits = request.splits() == null
                ? List.of(new DealSplit(owner, WHOLE))
                : checkedSplits(request.splits(), owner);
        UUID pipeline = pipelineId == null ? pipelineService.pipelineForOwner(owner) : pipelineId;
        PipelineStage first = pipelineService.layoutForDealChange(pipeline)
                .orElseThrow(() -> ProblemException.invalidField("pipelineId", "pipeline " + pipelineId + " does not exist"))
                .first();
        Instant now = Instant.now();
        Deal deal = Deal.open(UUID.randomUUID(), terms(request, owner, splits), pipeline, first, now);
        deal.persistAndFlush();
        StageTransition.record(deal.id, null, first, now, caller.id());
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
        if (!owner.equals(deal.ownerId)) {
            checkOwnerInScope(owner);
        }
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
        DealTerms terms = terms(request, owner, splits);
        checkAmountCoversCollected(deal, terms.amount());
        List<String> changed = deal.amend(terms, Instant.now());
        if (changed.isEmpty()) {
            return deal;
        }
        Deal.getEntityManager().flush();
        publish(deal, EventTypes.DEAL_UPDATED, null, changed);
        return deal;
    }

    /** Moves a deal to a stage of the default funnel by its funnel name (see {@link #moveStage(UUID, String)}). */
    public Deal moveStage(UUID id, Stage next) {
        return moveStage(id, next.name());
    }

    /**
     * Moves a deal to the stage of its pipeline named {@code next}, if its pipeline allows the move; a won deal
     * reaches the collected stage by hand only once its payments cover its amount. The event carries the funnel
     * stages the pipeline stages map to.
     */
    public Deal moveStage(UUID id, String next) {
        Deal deal = findInScope(id).orElseThrow(() -> ProblemException.notFound("deal", id));
        PipelineLayout layout = pipelineService.layoutForDealChange(deal.pipelineId).orElseThrow();
        PipelineStage to = layout.stage(next).orElseThrow(() -> ProblemException.invalidField("stage",
                "'" + next + "' is not a stage of the deal's pipeline; its stages are " + String.join(", ", layout.names())));
        PipelineStage from = layout.locate(deal.pipelineStage, deal.stage);
        List<PipelineStage> allowed = layout.allowedNext(from, deal.isFullyPaid());
        if (!allowed.contains(to)) {
            String names = allowed.stream().map(stage -> stage.name).collect(Collectors.joining(", "));
            String unpaid = layout.canMove(from, to)
                    ? " before its payments cover its amount (collected " + deal.collectedMoney() + " of " + deal.amountMoney() + ")"
                    : "";
            throw ProblemException.conflict("illegal-stage-transition", "Illegal stage transition",
                    "a deal in " + from.name + " cannot move to " + to.name + unpaid + "; allowed: "
                            + (names.isEmpty() ? "none (final stage)" : names));
        }
        Stage previous = deal.stage;
        Instant now = Instant.now();
        deal.moveTo(to, now);
        Deal.getEntityManager().flush();
        StageTransition.record(deal.id, from, to, now, caller.id());
        publish(deal, EventTypes.DEAL_STAGE_CHANGED, previous, List.of("stage"));
        return deal;
    }

    /** The stages of its pipeline the deal may move to by hand, in pipeline order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> allowedNextStages(Deal deal) {
        PipelineLayout layout = pipelineService.layoutOf(deal.pipelineId);
        return layout.allowedNext(layout.locate(deal.pipelineStage, deal.stage), deal.isFullyPaid()).stream()
                .map(stage -> stage.name).toList();
    }

    /** Reads a deal in the caller's scope for a change, locking it so that changes to it happen one at a time. */
    Deal lockInScope(UUID id) {
        return Deal.<Deal>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(this::mayAccess).orElseThrow(() -> ProblemException.notFound("deal", id));
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
        return list(ownerId, stage, null, page);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Deal> list(String ownerId, Stage stage, UUID pipelineId, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (!scope.members().all()) {
            where.append(" and ownerId in :scope");
            params.and("scope", scope.members().memberIds());
        }
        if (ownerId != null) {
            where.append(" and ownerId = :owner");
            params.and("owner", ownerId);
        }
        if (stage != null) {
            where.append(" and stage = :stage");
            params.and("stage", stage);
        }
        if (pipelineId != null) {
            where.append(" and pipelineId = :pipeline");
            params.and("pipeline", pipelineId);
        }
        var query = Deal.<Deal>find(where.toString(), Sort.descending("updatedAt").and("id"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /** Reps see their own deals, managers those owned in their org subtree, finance and admins all ({@link OwnerScope}). */
    boolean mayAccess(Deal deal) {
        return scope.includes(deal.ownerId);
    }

    /** A manager gives deals to members of their org subtree only; a rep's own id is always in their scope. */
    private void checkOwnerInScope(String owner) {
        if (!scope.includes(owner)) {
            throw ProblemException.invalidField("ownerId", owner + " is not in your org subtree");
        }
    }

    private void publish(Deal deal, String type, Stage previousStage, List<String> changedFields) {
        publishChange(deal, type, previousStage, changedFields, caller.id());
    }

    /**
     * Writes the deal event of a change to the outbox, in the caller's transaction: also for changes made by
     * someone other than the calling user, such as a CRM client (whose client id is the actor).
     */
    public void publishChange(Deal deal, String type, Stage previousStage, List<String> changedFields, String actor) {
        publishChange(deal, type, previousStage, changedFields, actor, null);
    }

    /** A payment recorded or reversed on the deal, published by the caller with the deal's snapshot after it. */
    void publishPayment(Deal deal, String type, Stage previousStage, PaymentChange payment) {
        publishChange(deal, type, previousStage, List.of(), caller.id(), payment);
    }

    private void publishChange(Deal deal, String type, Stage previousStage, List<String> changedFields, String actor,
                               PaymentChange payment) {
        // The caller flushed, so the JPA version is the one this change gave the deal (0 when created):
        // the API, the snapshot and the event's ce_aggregateversion all show the same number.
        Outbox.Message event = dealEvent(deal, type, previousStage, changedFields, actor, payment);
        outbox.publish(event.topic(), event.eventType(), event.aggregateType(), event.aggregateId(),
                event.aggregateVersion(), event.occurredAt(), event.data());
    }

    /**
     * The deal event of a change as the outbox takes it, with the deal's snapshot as it is now: {@code deal.version}
     * must already be the version the change gave the deal. Also for write paths that batch their outbox rows.
     */
    public static Outbox.Message dealEvent(Deal deal, String type, Stage previousStage, List<String> changedFields,
                                           String actor, PaymentChange payment) {
        long version = deal.version;
        return new Outbox.Message(Topics.DEAL_EVENTS, type, "deal", deal.id.toString(), version, deal.updatedAt,
                new DealEvent(deal.id, version, deal.updatedAt, actor,
                        previousStage == null ? null : previousStage.name(), changedFields, payment,
                        deal.snapshot(version)));
    }

    /** Money already received stays covered: a deal's amount cannot drop below, or change currency from, it. */
    private static void checkAmountCoversCollected(Deal deal, Money amount) {
        if (deal.collected.signum() == 0) {
            return;
        }
        if (!amount.currency().equals(deal.currency) || amount.amount().compareTo(deal.collected) < 0) {
            throw ProblemException.conflict("amount-below-collected", "Amount below collected",
                    "the deal has collected " + deal.collectedMoney() + "; its amount must stay in " + deal.currency
                            + " and at least that; reverse payments first");
        }
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
    public static List<DealSplit> checkedSplits(List<Split> requested, String owner) {
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

    public static Money checkedAmount(Money amount) {
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
