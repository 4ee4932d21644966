package io.attain.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildProcessTest {

    @TempDir
    Path directory;

    @Test
    void stopEndsTheWholeProcessTree() {
        // a shell that ignores SIGTERM and has a grandchild: stop must escalate and leave no orphan
        ChildProcess child = ChildProcess.start("tree",
                List.of("/bin/sh", "-c", "trap '' TERM; sleep 600 & sleep 600; wait"), Map.of(),
                directory, directory.resolve("tree.log"));
        child.awaitReady(() -> ProcessHandle.of(child.pid()).stream().flatMap(ProcessHandle::children).count() >= 2,
                Duration.ofSeconds(10));
        List<ProcessHandle> tree = ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();

        child.stop(Duration.ofSeconds(1));

        assertThat(child.isAlive()).isFalse();
        assertThat(tree).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aProcessThatExitsBeforeItIsReadyFailsWithItsLog() {
        Path log = directory.resolve("broken.log");
        ChildProcess child = ChildProcess.start("broken",
                List.of("/bin/sh", "-c", "echo 'cannot bind port 4711'; exit 3"), Map.of(), directory, log);

        assertThatThrownBy(() -> child.awaitReady(() -> false, Duration.ofSeconds(30)))
                .isInstanceOf(SuiteException.class)
                .hasMessageContaining("broken exited with code 3")
                .hasMessageContaining(log.toString())
                .hasMessageContaining("cannot bind port 4711");
    }

    @Test
    void aProcessThatNeverGetsReadyTimesOutNamingItsLog() {
        Path log = directory.resolve("slow.log");
        ChildProcess child = ChildProcess.start("slow", List.of("/bin/sh", "-c", "echo starting; sleep 600"),
                Map.of(), directory, log);
        try {
            assertThatThrownBy(() -> child.awaitReady(() -> false, Duration.ofMillis(600)))
                    .isInstanceOf(SuiteException.class)
                    .hasMessageContaining("slow was not ready after")
                    .hasMessageContaining(log.toString());
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theEnvironmentReachesTheChildAndOutputIsAppendedToTheLog() throws Exception {
        Path log = directory.resolve("env.log");
        Files.writeString(log, "earlier run\n");
        ChildProcess.runToCompletion("env", List.of("/bin/sh", "-c", "echo \"port=$QUARKUS_HTTP_PORT\""),
                Map.of("QUARKUS_HTTP_PORT", "8081"), directory, log, Duration.ofSeconds(30));

        assertThat(Files.readString(log)).startsWith("earlier run\n").contains("port=8081");
    }

    @Test
    void residentMemoryIsMeasuredOnLinux() {
        ChildProcess child = ChildProcess.start("sleeper", List.of("/bin/sh", "-c", "sleep 600"), Map.of(),
                directory, directory.resolve("sleeper.log"));
        try {
            if (Files.isDirectory(Path.of("/proc/self"))) {
                assertThat(child.residentSetBytes()).isPresent();
                assertThat(child.residentSetBytes().getAsLong()).isPositive();
            }
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
    }
}
