package io.attain.pipeline.crm;

import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.pipeline.api.DealDtos.Split;
import io.attain.pipeline.crm.CrmDtos.CrmAccount;
import io.attain.pipeline.crm.CrmDtos.CrmDeal;
import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.pipeline.crm.CrmDtos.CrmEventResult;
import io.attain.pipeline.crm.CrmDtos.CrmUser;
import io.attain.pipeline.crm.CrmDtos.Outcome;
import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.DealSplit;
import io.attain.pipeline.domain.DealTerms;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.service.DealService;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one CRM event to a {@link CrmUnitOfWork}, in memory: the store read what it needs (under the deals' locks)
 * and writes the outcome of all the delivery's events at once. Everything that can refuse the event is checked
 * before anything is changed, so a refusal ({@link ProblemException}) leaves the unit of work as it was for the
 * next event of a batch.
 */
@ApplicationScoped
public class CrmDealApplier {

    private static final BigDecimal WHOLE = new BigDecimal("100");

    /**
     * @param client the delivering client's id: the actor of the changes and the scope of event ids
     */
    CrmEventResult apply(String client, CrmDealEvent event, CrmUnitOfWork work) {
        CrmEventRecord seen = work.seen.get(event.eventId());
        if (seen != null) {
            return seen.asDuplicate();
        }
        CrmDeal snapshot = event.deal();
        Map<CrmUser, String> users = usersOf(event.crmSystem(), snapshot, work);
        String owner = users.get(snapshot.owner());
        List<DealSplit> splits = splitsOf(snapshot, users, owner);
        Money amount = amountOf(snapshot.amount());

        // As precise as the database keeps it, so that a repeat answers the very same time.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CrmVersion incoming = new CrmVersion(event.crmVersion(), event.crmUpdatedAt());
        CrmUnitOfWork.DealKey key = new CrmUnitOfWork.DealKey(event.crmSystem(), event.crmDealId());
        Deal existing = work.deals.get(key);
        if (existing != null && !incoming.isNewerThan(new CrmVersion(existing.externalVersion, existing.externalUpdatedAt))) {
            return record(client, event, Outcome.IGNORED_STALE, existing, now, work);
        }
        UUID accountId = snapshot.account() == null ? null : accountOf(event.crmSystem(), snapshot.account(), owner, now, work);
        DealTerms terms = new DealTerms(snapshot.name().strip(), accountId, owner, amount, snapshot.productLine().strip(),
                snapshot.channel(), snapshot.region(), snapshot.customerTier(), Boolean.TRUE.equals(snapshot.newCustomer()),
                snapshot.expectedCloseDate(), splits);
        Deal deal;
        if (existing != null) {
            deal = update(client, existing, event, terms, changeTime(event, existing.updatedAt, now), work);
        } else {
            deal = create(client, event, terms, changeTime(event, null, now), work);
            work.deals.put(key, deal);
        }
        return record(client, event, Outcome.APPLIED, deal, now, work);
    }

    private static Deal create(String client, CrmDealEvent event, DealTerms terms, Instant at, CrmUnitOfWork work) {
        CrmDeal snapshot = event.deal();
        Deal deal = Deal.open(UUID.randomUUID(), terms, at);
        if (snapshot.stage() != Stage.LEAD) {
            enter(deal, snapshot.stage(), at);
        }
        deal.probability = probabilityOf(snapshot);
        deal.forecastCategory = forecastCategoryOf(snapshot);
        deal.externalSystem = event.crmSystem();
        deal.externalId = event.crmDealId();
        follow(deal, event);
        // A new deal's version is 0, as the ORM gives it.
        deal.version = 0;
        work.created.put(deal.id, deal);
        // The deal enters Attain at the CRM's stage: one transition from nowhere, whatever stages it skipped.
        work.transitions.add(new CrmUnitOfWork.Transition(deal.id, null, deal.stage, at, client));
        work.events.add(DealService.dealEvent(deal, EventTypes.DEAL_CREATED, null, List.of(), client, null));
        return deal;
    }

    /**
     * Takes over the CRM's snapshot: changed terms (and a changed probability or forecast category within the same
     * stage) as one {@code deal.updated}, then a changed stage as one {@code deal.stage-changed}, each a version.
     */
    private static Deal update(String client, Deal deal, CrmDealEvent event, DealTerms terms, Instant at,
                               CrmUnitOfWork work) {
        CrmDeal snapshot = event.deal();
        follow(deal, event);
        // Even when nothing else changes, the CRM position applied is written.
        work.changed(deal);
        List<String> changed = new ArrayList<>(deal.amend(terms, at));
        if (changed.contains("splits")) {
            work.splitsChanged(deal);
        }
        Stage from = deal.stage;
        if (snapshot.stage() == from) {
            if (deal.probability != probabilityOf(snapshot)) {
                deal.probability = probabilityOf(snapshot);
                changed.add("probability");
            }
            if (deal.forecastCategory != forecastCategoryOf(snapshot)) {
                deal.forecastCategory = forecastCategoryOf(snapshot);
                changed.add("forecastCategory");
            }
            if (!changed.isEmpty()) {
                deal.updatedAt = at;
            }
        }
        // Each change is a version of its own, as a flush of the entity would make it.
        if (!changed.isEmpty()) {
            deal.version++;
            work.events.add(DealService.dealEvent(deal, EventTypes.DEAL_UPDATED, null, changed, client, null));
        }
        if (snapshot.stage() != from) {
            enter(deal, snapshot.stage(), at);
            deal.probability = probabilityOf(snapshot);
            deal.forecastCategory = forecastCategoryOf(snapshot);
            deal.version++;
            // The CRM may skip stages (LEAD straight to WON): the history shows the jump as it happened.
            work.transitions.add(new CrmUnitOfWork.Transition(deal.id, from, deal.stage, at, client));
            work.events.add(DealService.dealEvent(deal, EventTypes.DEAL_STAGE_CHANGED, from, List.of("stage"), client, null));
        }
        return deal;
    }

    /**
     * Moves the deal to the CRM's stage. A deal that reaches WON or COLLECTED without passing WON here was won
     * in the CRM, and one that reaches a closed stage was closed there: both get their times.
     */
    private static void enter(Deal deal, Stage stage, Instant at) {
        deal.moveTo(stage, at);
        if (stage.isBooked() && deal.wonAt == null) {
            deal.wonAt = at;
        }
        if (!stage.isOpen() && deal.closedAt == null) {
            deal.closedAt = at;
        }
    }

    /** The CRM position now applied; not a change of the deal itself (see {@link Deal#externalVersion}). */
    private static void follow(Deal deal, CrmDealEvent event) {
        deal.externalVersion = event.crmVersion();
        deal.externalUpdatedAt = event.crmUpdatedAt();
    }

    /**
     * When the change happened: the CRM's update time when it gave one, but never in the future nor before the
     * deal's last change, so that days in stage stay exact and never negative.
     */
    private static Instant changeTime(CrmDealEvent event, Instant lastChange, Instant now) {
        Instant at = event.crmUpdatedAt() == null || event.crmUpdatedAt().isAfter(now) ? now : event.crmUpdatedAt();
        return lastChange != null && at.isBefore(lastChange) ? lastChange : at;
    }

    private static int probabilityOf(CrmDeal snapshot) {
        return snapshot.probability() != null ? snapshot.probability() : snapshot.stage().defaultProbability();
    }

    private static Stage.ForecastCategory forecastCategoryOf(CrmDeal snapshot) {
        return snapshot.forecastCategory() != null ? snapshot.forecastCategory() : snapshot.stage().forecastCategory();
    }

    private static CrmEventResult record(String client, CrmDealEvent event, Outcome outcome, Deal deal, Instant now,
                                         CrmUnitOfWork work) {
        CrmEventRecord record = new CrmEventRecord();
        record.clientId = client;
        record.eventId = event.eventId();
        record.crmSystem = event.crmSystem();
        record.crmDealId = event.crmDealId();
        record.result = outcome;
        record.dealId = deal.id;
        record.dealVersion = deal.version;
        record.crmVersion = event.crmVersion();
        record.crmUpdatedAt = event.crmUpdatedAt();
        record.acceptedAt = now;
        work.accept(record);
        return record.asResult();
    }

    /** The account with the CRM's id, created on first sight; an existing account is Attain's to maintain. */
    private static UUID accountOf(String crmSystem, CrmAccount given, String owner, Instant now, CrmUnitOfWork work) {
        CrmUnitOfWork.AccountKey key = new CrmUnitOfWork.AccountKey(crmSystem, given.externalId());
        UUID existing = work.accounts.get(key);
        if (existing != null) {
            return existing;
        }
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.name = given.name().strip();
        account.industry = given.industry();
        account.size = given.size();
        account.region = given.region();
        account.tier = given.tier();
        account.segment = given.segment();
        account.ownerId = owner;
        account.externalSystem = crmSystem;
        account.externalId = given.externalId();
        account.createdAt = now;
        account.updatedAt = now;
        work.newAccounts.add(account);
        work.accounts.put(key, account.id);
        return account.id;
    }

    /** The Attain user of the owner and of each split member; an unmapped CRM user refuses the event with 422. */
    private static Map<CrmUser, String> usersOf(String crmSystem, CrmDeal snapshot, CrmUnitOfWork work) {
        Map<String, CrmUser> fieldOf = new java.util.LinkedHashMap<>();
        fieldOf.put("deal.owner", snapshot.owner());
        if (snapshot.splits() != null) {
            for (int i = 0; i < snapshot.splits().size(); i++) {
                fieldOf.put("deal.splits[" + i + "].user", snapshot.splits().get(i).user());
            }
        }
        Map<CrmUser, String> users = new HashMap<>();
        List<Problem.FieldError> unknown = new ArrayList<>();
        fieldOf.forEach((field, user) -> {
            String userId = user.externalId() == null ? null : mappedUser(crmSystem, user.externalId(), work);
            if (userId == null && user.email() != null) {
                userId = mappedUser(crmSystem, user.email(), work);
            }
            if (userId == null) {
                unknown.add(new Problem.FieldError(field, "no Attain user is mapped to " + crmSystem + " user "
                        + describe(user)));
            } else {
                users.put(user, userId);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "unknown-crm-user", "Unknown CRM user",
                    unknown.stream().map(Problem.FieldError::message).distinct().reduce((a, b) -> a + "; " + b).orElseThrow()
                            + ". An admin maps CRM users with PUT /api/pipeline/crm/user-mappings/" + crmSystem
                            + "/{CRM user id or e-mail}", unknown);
        }
        return users;
    }

    private static String mappedUser(String crmSystem, String crmUser, CrmUnitOfWork work) {
        return work.users.get(new CrmUnitOfWork.UserKey(crmSystem, CrmUserMapping.normalise(crmUser)));
    }

    private static String describe(CrmUser user) {
        if (user.externalId() != null && user.email() != null) {
            return user.externalId() + " (" + user.email() + ")";
        }
        return user.externalId() != null ? user.externalId() : user.email();
    }

    /** The splits as DealService checks them for every deal, with the field named as in this payload. */
    private static List<DealSplit> splitsOf(CrmDeal snapshot, Map<CrmUser, String> users, String owner) {
        if (snapshot.splits() == null) {
            return List.of(new DealSplit(owner, WHOLE));
        }
        List<Split> splits = snapshot.splits().stream().map(split -> new Split(users.get(split.user()), split.percent())).toList();
        try {
            return DealService.checkedSplits(splits, owner);
        } catch (ProblemException e) {
            throw prefixed("deal.", e);
        }
    }

    private static Money amountOf(Money amount) {
        try {
            return DealService.checkedAmount(amount);
        } catch (ProblemException e) {
            throw prefixed("deal.", e);
        }
    }

    private static ProblemException prefixed(String prefix, ProblemException e) {
        return new ProblemException(e.status(), e.slug(), e.title(), prefix + e.getMessage(),
                e.errors().stream().map(err -> new Problem.FieldError(prefix + err.field(), err.message())).toList());
    }

    /** A 64-bit FNV-1a hash naming a CRM deal's lock; a collision only makes two deals wait for each other. */
    static long lockKey(String crmSystem, String crmDealId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (crmSystem + ':' + crmDealId).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
