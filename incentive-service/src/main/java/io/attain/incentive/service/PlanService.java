package io.attain.incentive.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.attain.events.Money;
import io.attain.incentive.domain.ExchangeRateEntry;
import io.attain.incentive.domain.Plan;
import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.PlanTerms;
import io.attain.incentive.domain.PlanTerms.InvalidPlanTermsException;
import io.attain.incentive.domain.PlanVersionEntity;
import io.attain.incentive.domain.commission.CommissionException;
import io.attain.incentive.domain.commission.ExchangeRate;
import io.attain.incentive.domain.commission.ExchangeRates;
import io.attain.incentive.domain.commission.PlanVersion;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans, their versions and assignments, and exchange rates: the configuration the commission engine runs
 * on. Terms are validated by building the engine's {@link PlanVersion} from them, so a stored version can
 * always be applied. A version a calculation has used is never changed again.
 */
@ApplicationScoped
@Transactional
public class PlanService {

    /** The slug of the problem type for terms the engine refuses (422). */
    public static final String INVALID_PLAN = "invalid-plan";

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Engine versions by the stored state they were read from (immutable values, so shared between threads). */
    private final Cache<StoredVersion, PlanVersion> engineVersions = Caffeine.newBuilder().maximumSize(1_000).build();

    @Inject
    LedgerCalendar calendar;

    /** A plan with its versions, oldest first. */
    public record PlanWithVersions(Plan plan, List<PlanVersionEntity> versions) {
    }

    public PlanWithVersions createPlan(String name, String currency, LocalDate effectiveFrom, PlanTerms terms) {
        if (!Money.isKnownCurrency(currency)) {
            throw invalid("currency", "'" + currency + "' is not an ISO-4217 currency");
        }
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.name = name.strip();
        plan.currency = currency;
        plan.createdAt = Instant.now();
        plan.createdBy = caller.id();
        validated(plan, 1, terms);
        plan.persist();
        PlanVersionEntity version = newVersion(plan, 1, effectiveFrom, terms);
        return new PlanWithVersions(plan, List.of(version));
    }

    /** A new version from {@code effectiveFrom}, which must lie after every earlier version's date. */
    public PlanVersionEntity addVersion(UUID planId, LocalDate effectiveFrom, PlanTerms terms) {
        Plan plan = lockedPlan(planId);
        List<PlanVersionEntity> versions = PlanVersionEntity.ofPlan(planId);
        PlanVersionEntity latest = versions.getLast();
        if (!effectiveFrom.isAfter(latest.effectiveFrom)) {
            throw invalid("effectiveFrom", "a new version must take effect after version " + latest.number + " ("
                    + latest.effectiveFrom + "), was " + effectiveFrom);
        }
        validated(plan, latest.number + 1, terms);
        PlanVersionEntity version = newVersion(plan, latest.number + 1, effectiveFrom, terms);
        calendar.markStale(null);
        return version;
    }

    /**
     * Replaces the terms and date of a version no calculation has used yet.
     *
     * @throws ProblemException 409 when the version was used: a change is a new version from a date
     */
    public PlanVersionEntity replaceVersion(UUID planId, int number, LocalDate effectiveFrom, PlanTerms terms) {
        Plan plan = lockedPlan(planId);
        List<PlanVersionEntity> versions = PlanVersionEntity.ofPlan(planId);
        PlanVersionEntity version = versions.stream().filter(v -> v.number == number).findFirst()
                .orElseThrow(() -> ProblemException.notFound("plan version", planId + "/" + number));
        if (version.used()) {
            throw ProblemException.conflict("plan-version-used", "Plan version in use",
                    "version " + number + " of plan " + planId + " was used by a calculation on " + version.usedAt
                            + " and can no longer change; add a new version from the date the change takes effect");
        }
        int index = versions.indexOf(version);
        if (index > 0 && !effectiveFrom.isAfter(versions.get(index - 1).effectiveFrom)) {
            throw invalid("effectiveFrom", "must lie after version " + versions.get(index - 1).number + "'s date "
                    + versions.get(index - 1).effectiveFrom);
        }
        if (index < versions.size() - 1 && !effectiveFrom.isBefore(versions.get(index + 1).effectiveFrom)) {
            throw invalid("effectiveFrom", "must lie before version " + versions.get(index + 1).number + "'s date "
                    + versions.get(index + 1).effectiveFrom);
        }
        validated(plan, number, terms);
        version.effectiveFrom = effectiveFrom;
        version.terms = toJson(terms);
        version.updatedAt = Instant.now();
        calendar.markStale(null);
        return version;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanWithVersions plan(UUID planId) {
        Plan plan = Plan.findById(planId);
        if (plan == null) {
            throw ProblemException.notFound("plan", planId);
        }
        return new PlanWithVersions(plan, PlanVersionEntity.ofPlan(planId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PlanWithVersions> plans(PageParams page) {
        var query = Plan.<Plan>findAll(Sort.by("createdAt").and("id"));
        List<PlanWithVersions> items = query.page(page.page, page.size).list().stream()
                .map(plan -> new PlanWithVersions(plan, PlanVersionEntity.ofPlan(plan.id))).toList();
        return new Page<>(items, page.page, page.size, query.count());
    }

    /** The terms of a stored version as written. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanTerms termsOf(PlanVersionEntity version) {
        try {
            return json.readValue(version.terms, PlanTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored terms of plan version " + version.id + " do not read", e);
        }
    }

    /**
     * A stored version as the engine applies it. Read from its JSON once per state of the row: every calculation
     * asks for it, and a version's terms change only by an edit, which moves its {@code @Version}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanVersion engineVersion(Plan plan, PlanVersionEntity version) {
        return engineVersions.get(new StoredVersion(version.id, version.version, plan.id, plan.currency),
                stored -> termsOf(version).toPlanVersion(plan.id.toString(), version.number, plan.currency));
    }

    /** What an engine version is built from, besides the terms the row's id and {@code @Version} stand for. */
    private record StoredVersion(UUID versionId, long rowVersion, UUID planId, String currency) {
    }

    /**
     * The plan paying {@code memberId} on {@code day}, with the version in effect that day; empty when the
     * member has no assignment that day or the plan has no version in effect yet.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PlanChoice> versionFor(String memberId, LocalDate day) {
        return PlanAssignment.on(memberId, day).flatMap(assignment -> choice(assignment, day));
    }

    /** The plan of {@code assignment} with the version in effect on {@code day}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PlanChoice> choice(PlanAssignment assignment, LocalDate day) {
        // The plan and its version in effect in one plain read (Rows): every recalculation asks. Both are values here.
        return Rows.list(em, """
                select p.name, p.currency, p.created_at, p.created_by, p.version,
                       v.id, v.number, v.effective_from, v.terms, v.created_at, v.updated_at, v.used_at, v.version
                from plan p join plan_version v on v.plan_id = p.id
                where p.id = ? and v.effective_from <= ? order by v.effective_from desc limit 1""", (connection, query) -> {
            query.setObject(1, assignment.planId);
            query.setObject(2, day);
        }, row -> {
            Plan plan = new Plan();
            plan.id = assignment.planId;
            plan.name = row.getString(1);
            plan.currency = row.getString(2);
            plan.createdAt = instant(row.getObject(3, OffsetDateTime.class));
            plan.createdBy = row.getString(4);
            plan.version = row.getLong(5);
            PlanVersionEntity version = new PlanVersionEntity();
            version.id = row.getObject(6, UUID.class);
            version.planId = plan.id;
            version.number = row.getInt(7);
            version.effectiveFrom = row.getObject(8, LocalDate.class);
            version.terms = row.getString(9);
            version.createdAt = instant(row.getObject(10, OffsetDateTime.class));
            version.updatedAt = instant(row.getObject(11, OffsetDateTime.class));
            version.usedAt = instant(row.getObject(12, OffsetDateTime.class));
            version.version = row.getLong(13);
            return new PlanChoice(assignment, plan, version, engineVersion(plan, version));
        }).stream().findFirst();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /**
     * Of two assignments of one member sharing days with a period, the one the period pays by: the one that
     * starts last (assignments of a member never overlap, so this is the one in force at the period's end).
     */
    public static PlanAssignment governing(PlanAssignment a, PlanAssignment b) {
        return b.periodStart.isAfter(a.periodStart) ? b : a;
    }

    /**
     * The plan and version a period ending on {@code periodEnd} pays by under {@code assignment}: the version
     * in effect on the last day the assignment covers in the period. The one rule for calculations and
     * estimates alike.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PlanChoice> choiceForPeriod(PlanAssignment assignment, LocalDate periodEnd) {
        return choice(assignment, lastDayIn(assignment, periodEnd));
    }

    /**
     * {@link #choiceForPeriod} for many assignments, each plan's version looked up once per day it is asked for
     * (a period's members mostly share a few plans); by assignment, in the order given.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<PlanAssignment, Optional<PlanChoice>> choicesForPeriod(Collection<PlanAssignment> assignments, LocalDate periodEnd) {
        Map<PlanAssignment, Optional<PlanChoice>> choices = new LinkedHashMap<>();
        Map<List<Object>, Optional<PlanChoice>> byPlanAndDay = new HashMap<>();
        for (PlanAssignment assignment : assignments) {
            LocalDate day = lastDayIn(assignment, periodEnd);
            Optional<PlanChoice> chosen = byPlanAndDay.computeIfAbsent(List.of(assignment.planId, day), key -> choice(assignment, day));
            choices.put(assignment, chosen.map(choice -> choice.assignment() == assignment ? choice
                    : new PlanChoice(assignment, choice.plan(), choice.version(), choice.terms())));
        }
        return choices;
    }

    private static LocalDate lastDayIn(PlanAssignment assignment, LocalDate periodEnd) {
        return assignment.periodEnd.isBefore(periodEnd) ? assignment.periodEnd : periodEnd;
    }

    /** Records that a calculation used the version: from now on it never changes. */
    public void markUsed(UUID versionId, Instant at) {
        em.createQuery("update PlanVersionEntity v set v.usedAt = :at, v.version = v.version + 1 where v.id = :id and v.usedAt is null")
                .setParameter("at", at).setParameter("id", versionId).executeUpdate();
    }

    // ---------------------------------------------------------------- assignments

    /**
     * Assigns the plan to the member over {@code start}..{@code end}.
     *
     * @throws ProblemException 409 when the member already has a plan on one of those days
     */
    public PlanAssignment assign(UUID planId, String memberId, LocalDate start, LocalDate end) {
        if (Plan.findById(planId) == null) {
            throw ProblemException.notFound("plan", planId);
        }
        if (end.isBefore(start)) {
            throw invalid("periodEnd", "must be on or after periodStart " + start);
        }
        // One member's assignments are checked and written one transaction at a time.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:member))").setParameter("member", "assignment:" + memberId)
                .getSingleResult();
        List<PlanAssignment> overlapping = PlanAssignment.overlapping(memberId, start, end);
        if (!overlapping.isEmpty()) {
            PlanAssignment other = overlapping.getFirst();
            throw ProblemException.conflict("assignment-overlaps", "Overlapping assignment",
                    "member " + memberId + " is already assigned plan " + other.planId + " from " + other.periodStart + " to "
                            + other.periodEnd + "; a member has one plan on any day");
        }
        PlanAssignment assignment = new PlanAssignment();
        assignment.id = UUID.randomUUID();
        assignment.planId = planId;
        assignment.memberId = memberId;
        assignment.periodStart = start;
        assignment.periodEnd = end;
        assignment.createdAt = Instant.now();
        assignment.persist();
        calendar.markStale(memberId);
        return assignment;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PlanAssignment> assignments(UUID planId, PageParams page) {
        if (Plan.findById(planId) == null) {
            throw ProblemException.notFound("plan", planId);
        }
        var query = PlanAssignment.<PlanAssignment>find("planId", Sort.by("memberId").and("periodStart"), planId);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    // ---------------------------------------------------------------- exchange rates

    /**
     * @throws ProblemException 422 for an unknown currency or a rate not above zero; 409 when the pair already
     *                          has a rate from that day (rates are history: a new rate takes effect from a new day)
     */
    public ExchangeRateEntry addExchangeRate(String from, String to, LocalDate effectiveFrom, BigDecimal rate) {
        try {
            new ExchangeRate(from, to, effectiveFrom, rate);
        } catch (CommissionException e) {
            String field = !Money.isKnownCurrency(from) ? "from" : !Money.isKnownCurrency(to) || from.equals(to) ? "to" : "rate";
            throw new ProblemException(422, "invalid-exchange-rate", "Invalid exchange rate", field + ": " + e.getMessage(),
                    List.of(new Problem.FieldError(field, e.getMessage())));
        }
        if (ExchangeRateEntry.count("fromCurrency = ?1 and toCurrency = ?2 and effectiveFrom = ?3", from, to, effectiveFrom) > 0) {
            throw ProblemException.conflict("exchange-rate-exists", "Exchange rate exists",
                    "a " + from + "→" + to + " rate already takes effect on " + effectiveFrom + "; add one from another day");
        }
        ExchangeRateEntry entry = new ExchangeRateEntry();
        entry.id = UUID.randomUUID();
        entry.fromCurrency = from;
        entry.toCurrency = to;
        entry.effectiveFrom = effectiveFrom;
        entry.rate = rate;
        entry.createdAt = Instant.now();
        entry.persist();
        calendar.markStale(null);
        return entry;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ExchangeRateEntry> exchangeRateList(PageParams page) {
        var query = ExchangeRateEntry.<ExchangeRateEntry>findAll(Sort.by("fromCurrency").and("toCurrency").and("effectiveFrom"));
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /** Every rate on record, as the engine takes them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ExchangeRates exchangeRates() {
        // In plain SQL (Rows): read by every recalculation.
        return ExchangeRates.of(Rows.list(em, "select from_currency, to_currency, effective_from, rate from exchange_rate",
                (connection, query) -> { }, row -> new ExchangeRate(row.getString(1), row.getString(2),
                        row.getObject(3, LocalDate.class), row.getBigDecimal(4))));
    }

    // ---------------------------------------------------------------- helpers

    private Plan lockedPlan(UUID planId) {
        Plan plan = Plan.findById(planId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (plan == null) {
            throw ProblemException.notFound("plan", planId);
        }
        return plan;
    }

    private PlanVersionEntity newVersion(Plan plan, int number, LocalDate effectiveFrom, PlanTerms terms) {
        PlanVersionEntity version = new PlanVersionEntity();
        version.id = UUID.randomUUID();
        version.planId = plan.id;
        version.number = number;
        version.effectiveFrom = effectiveFrom;
        version.terms = toJson(terms);
        version.createdAt = Instant.now();
        version.updatedAt = version.createdAt;
        version.persist();
        return version;
    }

    /** Builds the engine's version from the terms: 422 listing every field the engine refuses. */
    private static void validated(Plan plan, int number, PlanTerms terms) {
        try {
            terms.toPlanVersion(plan.id.toString(), number, plan.currency);
        } catch (InvalidPlanTermsException e) {
            List<Problem.FieldError> errors = e.violations().stream()
                    .map(v -> new Problem.FieldError(v.field().equals("currency") ? "currency" : "terms." + v.field(), v.message()))
                    .toList();
            throw new ProblemException(422, INVALID_PLAN, "Invalid plan", "the plan cannot be applied as written: " + e.getMessage(),
                    errors);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(422, INVALID_PLAN, "Invalid plan", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    private String toJson(PlanTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan terms cannot be written as JSON", e);
        }
    }
}
