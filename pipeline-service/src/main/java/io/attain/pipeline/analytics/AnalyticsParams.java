package io.attain.pipeline.analytics;

import io.attain.support.problem.ProblemException;
import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The filters every report takes: {@code ?owner=&team=&productLine=&region=&periodBy=&from=&to=}. Read as text and
 * checked here, so that a malformed value answers 400 naming the parameter rather than a bare 404.
 */
public class AnalyticsParams {

    /** A Keycloak user id. */
    @QueryParam("owner")
    public String owner;

    /** An org unit id: its members and the members of the units below it. */
    @QueryParam("team")
    public String team;

    @QueryParam("productLine")
    public String productLine;

    @QueryParam("region")
    public String region;

    /** {@code CLOSE_DATE} (default) or {@code CREATED}: the date {@code from} and {@code to} apply to. */
    @QueryParam("periodBy")
    public String periodBy;

    /** First day, {@code yyyy-MM-dd}, inclusive. */
    @QueryParam("from")
    public String from;

    /** Last day, {@code yyyy-MM-dd}, inclusive. */
    @QueryParam("to")
    public String to;

    public UUID teamId() {
        return uuid("team", team);
    }

    public PeriodBasis periodBasis() {
        return enumValue("periodBy", PeriodBasis.class, periodBy, PeriodBasis.CLOSE_DATE);
    }

    public LocalDate fromDate() {
        return date("from", from);
    }

    /** The last day, after checking it does not come before the first. */
    public LocalDate toDate() {
        LocalDate last = date("to", to);
        LocalDate first = fromDate();
        if (first != null && last != null && last.isBefore(first)) {
            throw ProblemException.invalidField("to", "must not be before from (" + first + "), not " + last);
        }
        return last;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be an org unit id (a UUID), not '" + value + "'");
        }
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date as yyyy-MM-dd, not '" + value + "'");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, Class<E> type, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", not '" + value + "'");
        }
    }

    /** Blank filters are no filters. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
