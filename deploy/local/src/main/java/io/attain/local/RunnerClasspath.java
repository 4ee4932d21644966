package io.attain.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The runner's own classpath as a list of files, for child JVMs that run code from the same jars (Kafka).
 * Test runners often launch a JVM with a single "manifest-only" jar whose {@code Class-Path} names the
 * real entries; those are expanded so that the child sees the same jars.
 */
final class RunnerClasspath {

    static String asString() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            entries.add(path.toString());
            if (path.toString().endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Set<String> manifestClassPath(Path jar) {
        Set<String> entries = new LinkedHashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return entries;
            }
            URI base = jar.getParent().toUri();
            for (String reference : classPath.trim().split("\\s+")) {
                if (!reference.isEmpty()) {
                    entries.add(Path.of(base.resolve(reference)).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
        return entries;
    }

    private RunnerClasspath() {
    }
}
