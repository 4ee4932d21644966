package io.attain.pipeline.service;

import io.attain.pipeline.api.ActivityDtos.ChangeActivity;
import io.attain.pipeline.api.ActivityDtos.RecordActivity;
import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Activity;
import io.attain.pipeline.domain.Deal;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Activities with customers. Recording one moves the last-activity time of its deal and account forward (never
 * back, for an activity recorded late), which the stale-deal and no-contact alerts read. A rep records activities
 * on their own deals and accounts and sees the activities they did or that concern their deals and accounts.
 */
@ApplicationScoped
@Transactional
public class ActivityService {

    /** Clocks disagree a little; an activity further ahead than this has not happened yet. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Before this an occurredAt is a typing mistake. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    @Inject
    Caller caller;

    @Inject
    DealService dealService;

    @Inject
    AccountService accountService;

    @Inject
    OwnerScope scope;

    public Activity record(RecordActivity request) {
        if (request.dealId() == null && request.accountId() == null) {
            throw ProblemException.invalidField("dealId", "give the deal, the account or both the activity concerns");
        }
        UUID accountId = request.accountId();
        if (request.dealId() != null) {
            Deal deal = dealService.findInScope(request.dealId())
                    .orElseThrow(() -> ProblemException.invalidField("dealId", "deal " + request.dealId() + " does not exist"));
            if (accountId == null) {
                accountId = deal.accountId;
            } else if (deal.accountId != null && !deal.accountId.equals(accountId)) {
                throw ProblemException.invalidField("accountId", "deal " + deal.id + " is with account " + deal.accountId
                        + ", not " + accountId);
            }
        }
        if (request.accountId() != null && accountService.findInScope(request.accountId()).isEmpty()) {
            throw ProblemException.invalidField("accountId", "account " + request.accountId() + " does not exist");
        }
        Instant now = Instant.now();
        Instant occurredAt = checkedOccurredAt(request.occurredAt() == null ? now : request.occurredAt(), now);
        Activity activity = new Activity();
        activity.id = UUID.randomUUID();
        activity.type = request.type();
        activity.dealId = request.dealId();
        activity.accountId = accountId;
        activity.ownerId = caller.id();
        activity.occurredAt = occurredAt;
        activity.notes = notes(request.notes());
        activity.createdAt = now;
        activity.updatedAt = now;
        activity.persistAndFlush();
        touch(activity);
        return activity;
    }

    /**
     * Corrects an activity's type, time and notes. A time moved earlier takes the deal's and account's last-activity
     * times back with it when this was their latest activity.
     *
     * @param expectedVersion the version the client changed (from If-Match); empty for any version
     */
    public Activity change(UUID id, OptionalLong expectedVersion, ChangeActivity request) {
        Activity activity = changeable(id, expectedVersion);
        Instant now = Instant.now();
        Instant occurredAt = checkedOccurredAt(request.occurredAt(), now);
        String notes = notes(request.notes());
        if (activity.type == request.type() && activity.occurredAt.equals(occurredAt) && Objects.equals(activity.notes, notes)) {
            return activity;
        }
        boolean moved = !activity.occurredAt.equals(occurredAt);
        activity.type = request.type();
        activity.occurredAt = occurredAt;
        activity.notes = notes;
        activity.updatedAt = now;
        Activity.flush();
        if (moved) {
            recomputeLastActivity(activity);
        }
        return activity;
    }

    /** Deletes an activity recorded by mistake; its deal's and account's last-activity times fall back to the ones left. */
    public void delete(UUID id, OptionalLong expectedVersion) {
        Activity activity = changeable(id, expectedVersion);
        activity.delete();
        Activity.flush();
        recomputeLastActivity(activity);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Activity> findInScope(UUID id) {
        return Activity.<Activity>findByIdOptional(id).filter(this::mayAccess);
    }

    /**
     * @param dealId    a deal in the caller's scope (404 otherwise)
     * @param accountId an account in the caller's scope (404 otherwise)
     * @param from      inclusive
     * @param to        exclusive
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Activity> list(UUID dealId, UUID accountId, String ownerId, Activity.Type type, Instant from, Instant to,
                               PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!scope.members().all()) {
            where.append(" and (ownerId in :scope or dealId in (select d.id from Deal d where d.ownerId in :scope)"
                    + " or accountId in (select a.id from Account a where a.ownerId in :scope))");
            params.and("scope", scope.members().memberIds());
        }
        if (dealId != null) {
            dealService.findInScope(dealId).orElseThrow(() -> ProblemException.notFound("deal", dealId));
            where.append(" and dealId = :deal");
            params.and("deal", dealId);
        }
        if (accountId != null) {
            accountService.findInScope(accountId).orElseThrow(() -> ProblemException.notFound("account", accountId));
            where.append(" and accountId = :account");
            params.and("account", accountId);
        }
        if (ownerId != null) {
            where.append(" and ownerId = :owner");
            params.and("owner", ownerId);
        }
        if (type != null) {
            where.append(" and type = :type");
            params.and("type", type);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        if (from != null) {
            where.append(" and occurredAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and occurredAt < :to");
            params.and("to", to);
        }
        var query = Activity.<Activity>find(where.toString(), Sort.descending("occurredAt").and("id", Sort.Direction.Descending), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /**
     * The activity, locked, when the caller may change it: who recorded it, their managers (their org subtree) and
     * admins. Out of the caller's sight it is 404; seen (on the caller's deal or account) but done by someone else 403.
     */
    private Activity changeable(UUID id, OptionalLong expectedVersion) {
        Activity activity = Activity.<Activity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(this::mayAccess).orElseThrow(() -> ProblemException.notFound("activity", id));
        if (!scope.includes(activity.ownerId)) {
            throw new ProblemException(403, "not-activity-owner", "Not your activity",
                    "activity " + id + " was recorded by " + activity.ownerId + "; only they, their managers and admins change it");
        }
        AccountService.checkVersion("activity", activity.version, expectedVersion);
        return activity;
    }

    private static Instant checkedOccurredAt(Instant occurredAt, Instant now) {
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalidField("occurredAt", "lies in the future; record activities once they happened");
        }
        if (occurredAt.isBefore(EARLIEST)) {
            throw ProblemException.invalidField("occurredAt", "must not be before " + EARLIEST);
        }
        return occurredAt;
    }

    private static String notes(String notes) {
        return notes == null || notes.isBlank() ? null : notes.strip();
    }

    /**
     * Sets the last-activity times of the activity's deal and account to their latest remaining activity, after a
     * change could have moved them back (a later activity recorded meanwhile keeps them where it put them).
     */
    private static void recomputeLastActivity(Activity activity) {
        var em = Activity.getEntityManager();
        if (activity.dealId != null) {
            em.createNativeQuery("update deal set last_activity_at = (select max(occurred_at) from activity where deal_id = :id)"
                    + " where id = :id").setParameter("id", activity.dealId).executeUpdate();
        }
        if (activity.accountId != null) {
            em.createNativeQuery("update account set last_activity_at = latest, last_contacted_at = latest"
                            + " from (select max(occurred_at) as latest from activity where account_id = :id) as activities"
                            + " where id = :id").setParameter("id", activity.accountId).executeUpdate();
        }
    }

    /**
     * Moves the last-activity times forward with plain updates: they are not part of a deal's or account's terms,
     * so they change neither version nor ETag and publish no deal event.
     */
    private static void touch(Activity activity) {
        var em = Activity.getEntityManager();
        if (activity.dealId != null) {
            em.createNativeQuery("update deal set last_activity_at = greatest(coalesce(last_activity_at, :at), :at) where id = :id")
                    .setParameter("at", activity.occurredAt).setParameter("id", activity.dealId).executeUpdate();
        }
        if (activity.accountId != null) {
            em.createNativeQuery("update account set last_activity_at = greatest(coalesce(last_activity_at, :at), :at),"
                            + " last_contacted_at = greatest(coalesce(last_contacted_at, :at), :at) where id = :id")
                    .setParameter("at", activity.occurredAt).setParameter("id", activity.accountId).executeUpdate();
        }
    }

    /** Visible when done by someone in the caller's scope or recorded on a deal or account in it ({@link OwnerScope}). */
    private boolean mayAccess(Activity activity) {
        if (scope.includes(activity.ownerId)) {
            return true;
        }
        return (activity.dealId != null && Deal.<Deal>findByIdOptional(activity.dealId).map(d -> scope.includes(d.ownerId)).orElse(false))
                || (activity.accountId != null && Account.<Account>findByIdOptional(activity.accountId).map(a -> scope.includes(a.ownerId)).orElse(false));
    }
}
