package io.attain.pipeline.alerts;

import io.attain.events.Money;
import io.attain.pipeline.analytics.AnalyticsConfig;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.service.OwnerScope;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Alerts (预警) over the deals and accounts the caller may see. They are computed when asked, from the deals' and
 * accounts' own columns, so they never go out of date and need no job.
 *
 * <p>A deal or account is <em>touched</em> when it is created, when an activity is recorded on it
 * ({@code last_activity_at}) and — for a deal — when it changes stage; for an account also when it was last
 * contacted ({@code last_contacted_at}). The latest of these is its last touch. A list shows stale deals first
 * (longest untouched first), then deals past their expected close date (longest overdue first), then accounts
 * without contact (longest untouched first), and pages through them in that order.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AlertService {

    private static final List<String> OPEN_STAGES = Arrays.stream(Stage.values()).filter(Stage::isOpen)
            .map(Stage::name).toList();
    /** Stage names are the enum's, never client text, so they are written into the SQL as literals. */
    private static final String OPEN_STAGE_LIST = OPEN_STAGES.stream().map(s -> "'" + s + "'")
            .collect(Collectors.joining(", "));

    private static final String DEAL_LAST_TOUCH = "greatest(d.created_at, d.last_activity_at,"
            + " (select max(t.at) from stage_transition t where t.deal_id = d.id))";
    private static final String ACCOUNT_LAST_TOUCH = "greatest(a.created_at, a.last_activity_at, a.last_contacted_at)";

    @Inject
    EntityManager em;

    @Inject
    OwnerScope scope;

    @Inject
    AlertsConfig config;

    @Inject
    AnalyticsConfig analyticsConfig;

    Clock clock = Clock.systemUTC();

    private volatile StaleThresholds thresholds;

    /** A misconfigured stage threshold stops the service at start-up, not at the first alert list. */
    void checkConfiguration(@Observes StartupEvent event) {
        thresholds();
    }

    StaleThresholds thresholds() {
        if (thresholds == null) {
            thresholds = StaleThresholds.of(config.staleDays(), config.staleDaysByStage(), OPEN_STAGES);
        }
        return thresholds;
    }

    /**
     * @param type only alerts of this type; {@code null} for all
     */
    public Page<Alert> list(String ownerId, UUID team, AlertType type, PageParams page) {
        Optional<Set<String>> owners = scope.owners(ownerId, team);
        if (owners.isPresent() && owners.get().isEmpty()) {
            return new Page<>(List.of(), page.page, page.size, 0);
        }
        Instant now = clock.instant();
        List<AlertKind> kinds = new ArrayList<>();
        for (AlertType each : AlertType.values()) {
            if (type == null || type == each) {
                kinds.add(kind(each, now));
            }
        }
        // One fixed order across kinds: skip whole kinds before the page, then read each kind's share of it.
        long offset = (long) page.page * page.size;
        long total = 0;
        List<Alert> items = new ArrayList<>();
        for (AlertKind kind : kinds) {
            long count = ((Number) query("select count(*) " + kind.from, kind.params, owners).getSingleResult()).longValue();
            long skip = Math.max(0, offset - total);
            long room = page.size - items.size();
            if (skip < count && room > 0) {
                Query query = query(kind.select + " " + kind.from + " order by " + kind.order, kind.params, owners)
                        .setFirstResult((int) skip).setMaxResults((int) room);
                for (Object row : query.getResultList()) {
                    items.add(kind.mapper.apply((Object[]) row, now));
                }
            }
            total += count;
        }
        return new Page<>(items, page.page, page.size, total);
    }

    private interface RowMapper {
        Alert apply(Object[] row, Instant now);
    }

    private record AlertKind(String select, String from, String order, Map<String, Object> params, RowMapper mapper) {
    }

    private AlertKind kind(AlertType type, Instant now) {
        StaleThresholds stale = thresholds();
        String dealColumns = "select d.id, d.name, d.owner_id, d.stage, d.amount, d.currency, d.expected_close_date, "
                + DEAL_LAST_TOUCH + " as last_touch";
        Map<String, Object> params = new HashMap<>();
        return switch (type) {
            case STALE_DEAL -> {
                StringBuilder cutoff = new StringBuilder("case d.stage");
                for (int i = 0; i < OPEN_STAGES.size(); i++) {
                    cutoff.append(" when '").append(OPEN_STAGES.get(i)).append("' then cast(:cutoff").append(i)
                            .append(" as timestamptz)");
                    params.put("cutoff" + i, OffsetDateTime.ofInstant(stale.cutoff(OPEN_STAGES.get(i), now), ZoneOffset.UTC));
                }
                cutoff.append(" end");
                yield new AlertKind(dealColumns,
                        "from deal d where d.stage in (" + OPEN_STAGE_LIST + ") and " + DEAL_LAST_TOUCH + " < " + cutoff
                                + " and :owners",
                        "last_touch, d.id", params, (row, at) -> {
                    Instant touched = instant(row[7]);
                    String stage = (String) row[3];
                    return new Alert(AlertType.STALE_DEAL, "deal", (UUID) row[0], (String) row[1], (String) row[2],
                            stage, money(row[4], row[5]), date(row[6]), touched,
                            Duration.between(touched, at).toDays(), stale.daysFor(stage));
                });
            }
            case PAST_CLOSE_DATE -> {
                LocalDate today = LocalDate.ofInstant(now, analyticsConfig.timeZone());
                params.put("today", today);
                yield new AlertKind(dealColumns,
                        "from deal d where d.stage in (" + OPEN_STAGE_LIST + ") and d.expected_close_date < :today"
                                + " and :owners",
                        "d.expected_close_date, d.id", params, (row, at) -> {
                    LocalDate expected = date(row[6]);
                    return new Alert(AlertType.PAST_CLOSE_DATE, "deal", (UUID) row[0], (String) row[1], (String) row[2],
                            (String) row[3], money(row[4], row[5]), expected, instant(row[7]),
                            ChronoUnit.DAYS.between(expected, today), null);
                });
            }
            case ACCOUNT_NO_CONTACT -> {
                int days = config.accountNoContactDays();
                params.put("cutoff", OffsetDateTime.ofInstant(now.minus(Duration.ofDays(days)), ZoneOffset.UTC));
                yield new AlertKind("select a.id, a.name, a.owner_id, " + ACCOUNT_LAST_TOUCH + " as last_touch",
                        "from account a where " + ACCOUNT_LAST_TOUCH + " < cast(:cutoff as timestamptz) and :owners",
                        "last_touch, a.id", params, (row, at) -> {
                    Instant touched = instant(row[3]);
                    return new Alert(AlertType.ACCOUNT_NO_CONTACT, "account", (UUID) row[0], (String) row[1],
                            (String) row[2], null, null, null, touched, Duration.between(touched, at).toDays(), days);
                });
            }
        };
    }

    /** Binds the kind's parameters and replaces the {@code :owners} placeholder with the owner condition. */
    private Query query(String sql, Map<String, Object> params, Optional<Set<String>> owners) {
        String alias = sql.contains("from account a") ? "a" : "d";
        String ownerCondition = owners.isPresent() ? alias + ".owner_id in (:ownerIds)" : "true";
        Query query = em.createNativeQuery(sql.replace(":owners", ownerCondition));
        params.forEach(query::setParameter);
        owners.ifPresent(ids -> query.setParameter("ownerIds", ids));
        return query;
    }

    private static Money money(Object amount, Object currency) {
        String code = (String) currency;
        return Money.of(((BigDecimal) amount).setScale(Money.minorUnits(code), RoundingMode.HALF_UP), code);
    }

    /** The JDBC driver and Hibernate hand timestamps over as one of several types, depending on the version. */
    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case ZonedDateTime zoned -> zoned.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass().getName());
        };
    }

    static LocalDate date(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate date -> date;
            case Date date -> date.toLocalDate();
            default -> throw new IllegalStateException("not a date: " + value.getClass().getName());
        };
    }
}
