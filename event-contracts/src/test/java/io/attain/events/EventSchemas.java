package io.attain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The event schemas and examples as the tests see them: loaded from the classpath, where consumers of
 * this module find them too. Schemas refer to each other by their {@code $id}s under {@link #ID_BASE},
 * which the validator maps onto {@code classpath:schemas/}; nothing is fetched from the network.
 */
final class EventSchemas {

    static final String ID_BASE = "https://schemas.attain.io/events/";
    static final String COMMON_SCHEMA = "schemas/common.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_BASE, "classpath:schemas/")));

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema of an event type, resolved with its references. */
    static Schema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_BASE + t + ".schema.json"));
            schema.initializeValidators();
            return schema;
        });
    }

    /** The violations of {@code json} against the schema of {@code type}; empty when it conforms. */
    static List<String> violations(String type, String json) {
        return schema(type).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    static List<String> violations(String type, JsonNode json) {
        return violations(type, json.toString());
    }

    static String resource(String name) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resourceTree(String name) {
        try {
            return EventJson.mapper().readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String example(String type) {
        return resource("examples/" + type + ".json");
    }

    static JsonNode exampleTree(String type) {
        return resourceTree("examples/" + type + ".json");
    }

    /** Names of the files in a classpath directory of this module, e.g. {@code schemas}. */
    static Set<String> fileNames(String directory) {
        URL url = EventSchemas.class.getClassLoader().getResource(directory);
        if (url == null) {
            return Set.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                }
                return namesIn(jar.getPath(directory));
            }
            return namesIn(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> path.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }
}
