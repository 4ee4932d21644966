package io.attain.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --fresh deletes data; it must never delete a directory that is not the suite's, nor one in use. */
class SuiteDataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void freshRefusesToWipeADirectoryThatIsNotAnAttainDataDirectory() throws Exception {
        Path directory = Files.createDirectories(root.resolve("documents"));
        Path precious = Files.writeString(directory.resolve("thesis.txt"), "years of work");

        assertThatThrownBy(() -> Suite.start(options(directory)))
                .isInstanceOf(SuiteException.class)
                .hasMessageContaining("refusing to wipe " + directory);
        assertThat(precious).exists();
    }

    @Test
    void aDataDirectoryInUseByAnotherSuiteIsRefused() throws Exception {
        Path directory = Files.createDirectories(root.resolve("data"));
        Files.writeString(directory.resolve(".attain-local-data"), "");
        Path postgres = Files.createDirectories(directory.resolve("postgres"));
        try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThatThrownBy(() -> Suite.start(options(directory)))
                    .isInstanceOf(SuiteException.class)
                    .hasMessageContaining("another Attain suite is running");
        }
        assertThat(postgres).exists();
    }

    private SuiteOptions options(Path dataDirectory) {
        return SuiteOptions.builder(root)
                .dataDirectory(dataDirectory)
                .fresh(true)
                .ports(Ports.free())
                .services(Set.of())
                .progress(line -> { })
                .build();
    }
}
