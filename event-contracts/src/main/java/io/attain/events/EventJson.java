package io.attain.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings every producer and consumer of these events uses: ISO-8601 dates, exact decimals,
 * and unknown fields tolerated on read so that adding a field is a compatible change.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the event settings to a mapper owned by someone else (e.g. Quarkus' own). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    private EventJson() {
    }
}
