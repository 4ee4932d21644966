package io.attain.targets.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Small JSON values kept in text columns (a node's dimensions and path). A private mapper, so the REST
 * layer's JSON settings never change what is stored.
 */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    /** Dimension name → value, sorted by name so one node always stores the same text. */
    @Converter
    public static class DimensionsConverter implements AttributeConverter<Map<String, String>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, String> dimensions) {
            return write(dimensions == null ? Map.of() : new TreeMap<>(dimensions));
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String json) {
            if (json == null || json.isBlank()) {
                return Collections.emptySortedMap();
            }
            SortedMap<String, String> map = new TreeMap<>(read(json, new TypeReference<Map<String, String>>() { }));
            return Collections.unmodifiableSortedMap(map);
        }
    }

    /** Keys from the plan's root down to a node. */
    @Converter
    public static class PathConverter implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> path) {
            return path == null ? null : write(path);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return json == null ? null : List.copyOf(read(json, new TypeReference<List<String>>() { }));
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value, e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + json, e);
        }
    }
}
