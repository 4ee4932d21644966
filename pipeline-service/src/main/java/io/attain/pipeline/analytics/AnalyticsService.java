package io.attain.pipeline.analytics;

import io.attain.events.Money;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.service.OwnerScope;
import io.attain.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feeds the funnel calculations with the deals (and stage history) a filter selects within the caller's scope.
 * The calculations themselves are plain Java ({@link StageFunnel}, {@link FunnelPerformance},
 * {@link WeightedForecast}, {@link PipelineCoverage}); this class only queries.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AnalyticsService {

    /** Analytics speak the funnel stages, whatever a team's pipeline calls them (deal.stage is the funnel stage). */
    static final FunnelDefinition FUNNEL = FunnelDefinition.DEFAULT;

    @Inject
    EntityManager em;

    @Inject
    OwnerScope scope;

    @Inject
    AnalyticsConfig config;

    Clock clock = Clock.systemUTC();

    /** The filter the parameters describe, narrowed to the caller's scope. */
    public DealFilter filter(AnalyticsParams params) {
        // Parsed before the scope is looked up, so a malformed request costs no query.
        var team = params.teamId();
        var periodBy = params.periodBasis();
        var from = params.fromDate();
        var to = params.toDate();
        return new DealFilter(scope.owners(AnalyticsParams.text(params.owner), team),
                AnalyticsParams.text(params.productLine), AnalyticsParams.text(params.region), periodBy, from, to);
    }

    public List<StageFunnel.StageTotal> funnel(DealFilter filter) {
        return StageFunnel.of(deals(filter), FUNNEL);
    }

    public FunnelPerformance.Report performance(DealFilter filter) {
        return FunnelPerformance.of(deals(filter), steps(filter), FUNNEL, clock.instant(), config.bottleneckMinDeals());
    }

    public WeightedForecast.Report forecast(DealFilter filter) {
        return WeightedForecast.of(deals(filter), FUNNEL);
    }

    public PipelineCoverage.Report coverage(DealFilter filter, Money remainingTarget) {
        return PipelineCoverage.of(deals(filter), FUNNEL, remainingTarget);
    }

    /**
     * The remaining target from {@code ?target=&currency=}: a positive amount in at most the currency's decimals.
     * targets-service owns targets, so the client brings the figure it wants the pipeline held against.
     */
    public static Money remainingTarget(String target, String currency) {
        if (target == null || target.isBlank()) {
            throw ProblemException.invalidField("target", "is required: the target amount still to be reached");
        }
        if (currency == null || currency.isBlank()) {
            throw ProblemException.invalidField("currency", "is required: the ISO-4217 currency of the target");
        }
        if (!Money.isKnownCurrency(currency.strip())) {
            throw ProblemException.invalidField("currency", "'" + currency + "' is not an ISO-4217 currency code");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(target.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("target", "must be a decimal amount such as 3000000.00, not '" + target + "'");
        }
        if (amount.signum() <= 0) {
            throw ProblemException.invalidField("target", "must be above zero: coverage of nothing is not defined");
        }
        String code = currency.strip();
        if (amount.stripTrailingZeros().scale() > Money.minorUnits(code)) {
            throw ProblemException.invalidField("target", "has more decimals than " + code + " allows ("
                    + Money.minorUnits(code) + ")");
        }
        if (amount.compareTo(new BigDecimal("1000000000000000")) > 0) {
            throw ProblemException.invalidField("target", "is implausibly large");
        }
        return Money.of(amount.setScale(Money.minorUnits(code), RoundingMode.UNNECESSARY), code);
    }

    List<DealFacts> deals(DealFilter filter) {
        if (filter.coversNobody()) {
            return List.of();
        }
        Where where = where(filter);
        TypedQuery<Object[]> query = em.createQuery("select d.id, d.ownerId, d.stage, d.amount, d.currency, d.probability,"
                + " d.forecastCategory, d.createdAt, d.wonAt, d.closedAt from Deal d where " + where.clause, Object[].class);
        where.params.forEach(query::setParameter);
        List<Object[]> rows = query.setMaxResults(config.maxDeals() + 1).getResultList();
        if (rows.size() > config.maxDeals()) {
            throw new ProblemException(422, "report-too-broad", "Report too broad",
                    "more than " + config.maxDeals() + " deals match; narrow the report by owner, team, product line, "
                            + "region or period");
        }
        List<DealFacts> deals = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String currency = (String) row[4];
            deals.add(new DealFacts((UUID) row[0], (String) row[1], ((Stage) row[2]).name(),
                    Money.of(((BigDecimal) row[3]).setScale(Money.minorUnits(currency), RoundingMode.HALF_UP), currency),
                    (Integer) row[5], row[6] == null ? null : ((Enum<?>) row[6]).name(),
                    (Instant) row[7], (Instant) row[8], (Instant) row[9]));
        }
        return deals;
    }

    List<StageStep> steps(DealFilter filter) {
        if (filter.coversNobody()) {
            return List.of();
        }
        Where where = where(filter);
        TypedQuery<Object[]> query = em.createQuery("select t.dealId, t.fromStage, t.toStage, t.at"
                + " from StageTransition t where t.dealId in (select d.id from Deal d where " + where.clause + ")"
                // ties in time keep the order the moves were recorded in
                + " order by t.dealId, t.at, t.id", Object[].class);
        where.params.forEach(query::setParameter);
        return query.getResultStream()
                .map(row -> new StageStep((UUID) row[0], row[1] == null ? null : ((Stage) row[1]).name(),
                        ((Stage) row[2]).name(), (Instant) row[3]))
                .toList();
    }

    private record Where(String clause, Map<String, Object> params) {
    }

    private Where where(DealFilter filter) {
        StringBuilder clause = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        filter.owners().ifPresent(owners -> {
            clause.append(" and d.ownerId in :owners");
            params.put("owners", owners);
        });
        if (filter.productLine() != null) {
            clause.append(" and d.productLine = :productLine");
            params.put("productLine", filter.productLine());
        }
        if (filter.region() != null) {
            clause.append(" and d.region = :region");
            params.put("region", filter.region());
        }
        if (filter.periodBy() == PeriodBasis.CLOSE_DATE) {
            if (filter.from() != null) {
                clause.append(" and d.expectedCloseDate >= :from");
                params.put("from", filter.from());
            }
            if (filter.to() != null) {
                clause.append(" and d.expectedCloseDate <= :to");
                params.put("to", filter.to());
            }
        } else {
            if (filter.from() != null) {
                clause.append(" and d.createdAt >= :from");
                params.put("from", filter.from().atStartOfDay(config.timeZone()).toInstant());
            }
            if (filter.to() != null) {
                clause.append(" and d.createdAt < :toExclusive");
                params.put("toExclusive", filter.to().plusDays(1).atStartOfDay(config.timeZone()).toInstant());
            }
        }
        return new Where(clause.toString(), params);
    }
}
