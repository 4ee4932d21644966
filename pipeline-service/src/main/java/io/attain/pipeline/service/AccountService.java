package io.attain.pipeline.service;

import io.attain.pipeline.api.AccountDtos.SaveAccount;
import io.attain.pipeline.domain.Account;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Accounts (客户). A rep works on their own accounts only; anything else is reported as not found.
 * An account's external id is unique within its CRM, so the CRM ingestion can find it again.
 */
@ApplicationScoped
@Transactional
public class AccountService {

    static final String EXTERNAL_ID_CONSTRAINT = "account_external_unique";
    /** Longer search texts are typing accidents, and they cost a scan each. */
    static final int MAX_SEARCH_LENGTH = 100;

    @Inject
    Caller caller;

    @Inject
    OwnerScope scope;

    public Account create(SaveAccount request) {
        String owner = request.ownerId() == null ? caller.id() : request.ownerId();
        checkOwner(owner, null);
        checkExternalId(request, null);
        Instant now = Instant.now();
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.createdAt = now;
        apply(account, request, owner, now);
        flushGuardingExternalId(account, true);
        return account;
    }

    /**
     * Replaces the client-owned fields of an account.
     *
     * @param expectedVersion the version the client changed (from If-Match); empty for any version
     */
    public Account update(UUID id, OptionalLong expectedVersion, SaveAccount request) {
        // Locked so that the version compared is the version overwritten.
        Account account = Account.<Account>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(this::mayAccess).orElseThrow(() -> ProblemException.notFound("account", id));
        checkVersion("account", account.version, expectedVersion);
        String owner = request.ownerId() == null ? account.ownerId : request.ownerId();
        checkOwner(owner, account.ownerId);
        checkExternalId(request, id);
        apply(account, request, owner, Instant.now());
        flushGuardingExternalId(account, false);
        return account;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Account> findInScope(UUID id) {
        return Account.<Account>findByIdOptional(id).filter(this::mayAccess);
    }

    /**
     * @param text part of the name, any case; blank for all
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Account> list(String text, String ownerId, String region, Account.Tier tier, Account.Segment segment,
                              AccountSort sort, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!scope.members().all()) {
            where.append(" and ownerId in :scope");
            params.and("scope", scope.members().memberIds());
        }
        if (text != null && !text.isBlank()) {
            if (text.length() > MAX_SEARCH_LENGTH) {
                throw ProblemException.invalidField("q", "must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
            where.append(" and lower(name) like :text escape '!'");
            params.and("text", "%" + likeLiteral(text.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (ownerId != null) {
            where.append(" and ownerId = :owner");
            params.and("owner", ownerId);
        }
        if (region != null) {
            where.append(" and region = :region");
            params.and("region", region);
        }
        if (tier != null) {
            where.append(" and tier = :tier");
            params.and("tier", tier);
        }
        if (segment != null) {
            where.append(" and segment = :segment");
            params.and("segment", segment);
        }
        var query = Account.<Account>find(where.toString(), sort.sort(), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /** Reps see their own accounts, managers those owned in their org subtree, finance and admins all ({@link OwnerScope}). */
    boolean mayAccess(Account account) {
        return scope.includes(account.ownerId);
    }

    static void checkVersion(String what, long current, OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw new ProblemException(412, "precondition-failed", "Precondition failed",
                    "the " + what + " was changed since version " + expected.getAsLong() + "; it is at version "
                            + current + ": read it again and reapply your change");
        }
    }

    /** A rep keeps accounts for themselves: they neither create one for someone else nor hand one over. */
    private void checkOwner(String owner, String currentOwner) {
        if (caller.isOnlyRep() && !owner.equals(caller.id()) && !owner.equals(currentOwner)) {
            throw ProblemException.invalidField("ownerId", "a rep owns the accounts they create and cannot hand them to someone else");
        }
        if (owner.isBlank()) {
            throw ProblemException.invalidField("ownerId", "must not be blank");
        }
        // A manager hands accounts to members of their org subtree only.
        if (!owner.equals(currentOwner) && !scope.includes(owner)) {
            throw ProblemException.invalidField("ownerId", owner + " is not in your org subtree");
        }
    }

    private void checkExternalId(SaveAccount request, UUID self) {
        if ((request.externalSystem() == null) != (request.externalId() == null)) {
            String missing = request.externalSystem() == null ? "externalSystem" : "externalId";
            throw ProblemException.invalidField(missing, "externalSystem and externalId are given together or not at all");
        }
        if (request.externalId() == null) {
            return;
        }
        if (request.externalSystem().isBlank() || request.externalId().isBlank()) {
            throw ProblemException.invalidField(request.externalId().isBlank() ? "externalId" : "externalSystem",
                    "must not be blank");
        }
        // Checked before the account is changed: a query would flush the change and trip the constraint.
        long taken = Account.count("externalSystem = ?1 and externalId = ?2 and id <> ?3",
                request.externalSystem(), request.externalId(), self == null ? new UUID(0, 0) : self);
        if (taken > 0) {
            throw duplicateExternalId(request.externalSystem(), request.externalId());
        }
    }

    /** The check above cannot see a concurrent insert; the unique constraint does. */
    private static void flushGuardingExternalId(Account account, boolean isNew) {
        try {
            if (isNew) {
                account.persistAndFlush();
            } else {
                Account.flush();
            }
        } catch (PersistenceException e) {
            // Hibernate may hand the constraint violation over wrapped in a JPA exception.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null
                        && violation.getConstraintName().contains(EXTERNAL_ID_CONSTRAINT)) {
                    throw duplicateExternalId(account.externalSystem, account.externalId);
                }
            }
            throw e;
        }
    }

    private static ProblemException duplicateExternalId(String system, String externalId) {
        return ProblemException.conflict("duplicate-external-id", "Duplicate external id",
                "another account already has external id " + externalId + " in " + system);
    }

    private static void apply(Account account, SaveAccount request, String owner, Instant now) {
        account.name = request.name().strip();
        account.industry = request.industry();
        account.size = request.size();
        account.region = request.region();
        account.tier = request.tier();
        account.segment = request.segment();
        account.ownerId = owner;
        account.sourceChannel = request.sourceChannel();
        account.externalSystem = request.externalSystem();
        account.externalId = request.externalId();
        account.updatedAt = now;
    }

    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
