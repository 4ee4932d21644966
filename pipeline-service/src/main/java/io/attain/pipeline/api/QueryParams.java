package io.attain.pipeline.api;

import io.attain.support.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Query parameters parsed here rather than by the framework, so that a bad value answers 400 naming the
 * parameter instead of a bare 404.
 */
final class QueryParams {

    static UUID uuid(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be a UUID, not '" + value + "'");
        }
    }

    static <E extends Enum<E>> E enumValue(String parameter, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(parameter, "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /**
     * The start of a period: an instant ({@code 2026-11-01T08:00:00Z}) or a day ({@code 2026-11-01}, from its start
     * in UTC).
     */
    static Instant from(String parameter, String value) {
        return instant(parameter, value, false);
    }

    /** The end of a period, exclusive for an instant; a day includes the whole day (UTC). */
    static Instant to(String parameter, String value) {
        return instant(parameter, value, true);
    }

    private static Instant instant(String parameter, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(parameter, "must be a day (2026-11-01) or an instant (2026-11-01T08:00:00Z), not '"
                    + value + "'");
        }
    }

    private QueryParams() {
    }
}
