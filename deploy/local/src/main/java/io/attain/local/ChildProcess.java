package io.attain.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An operating-system process the suite started, with its output appended to one log file.
 *
 * <p>Where {@code setsid} exists the child gets its own session, so Ctrl-C at the terminal reaches only the
 * runner, which then stops the children in order (services before the infrastructure they use).
 */
public final class ChildProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final Path logFile;
    private final Process process;
    private final Instant startedAt;
    private volatile Duration startupTime;

    private ChildProcess(String name, Path logFile, Process process, Instant startedAt) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
        this.startedAt = startedAt;
    }

    /** Starts {@code command} in {@code workingDirectory} with {@code environment} added to the runner's own. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     Path workingDirectory, Path logFile) {
        List<String> fullCommand = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Instant startedAt = Instant.now();
            return new ChildProcess(name, logFile, builder.start(), startedAt);
        } catch (IOException e) {
            throw new SuiteException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code command} to completion, output appended to {@code logFile}; fails unless it exits with 0. */
    public static void runToCompletion(String name, List<String> command, Map<String, String> environment,
                                       Path workingDirectory, Path logFile, Duration timeout) {
        ChildProcess child = start(name, command, environment, workingDirectory, logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new SuiteException(name + " did not finish within " + timeout.toSeconds() + " s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop(Duration.ofSeconds(5));
            throw new SuiteException("interrupted while waiting for " + name, e);
        }
        if (child.process.exitValue() != 0) {
            throw new SuiteException(name + " failed with exit code " + child.process.exitValue() + "; see " + logFile
                    + System.lineSeparator() + child.logTail(20));
        }
    }

    /**
     * Polls {@code ready} until it answers true. Fails at once, naming the log file, if the process exits
     * first, and after {@code timeout} otherwise.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new SuiteException(name + " exited with code " + process.exitValue()
                        + " before it was ready; see " + logFile + System.lineSeparator() + logTail(30));
            }
            if (ready.getAsBoolean()) {
                startupTime = Duration.between(startedAt, Instant.now());
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SuiteException(name + " was not ready after " + timeout.toSeconds() + " s; see " + logFile
                        + System.lineSeparator() + logTail(30));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SuiteException("interrupted while waiting for " + name, e);
            }
        }
    }

    /**
     * Asks the process and all its descendants to terminate (SIGTERM), waits up to {@code grace} for all of
     * them to exit, then kills whatever is left and waits for that too, so nothing outlives the suite.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle handle : tree) {
            awaitExit(handle, Duration.between(Instant.now(), deadline));
        }
        // descendants started while we were waiting (e.g. a relaunch) are collected again here
        process.descendants().forEach(tree::add);
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                awaitExit(handle, Duration.ofSeconds(10));
            }
        }
    }

    private static void awaitExit(ProcessHandle handle, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return;
        }
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // caller escalates
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit never completes exceptionally; nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** From start to the first successful readiness check, or {@code null} before that. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Resident memory of the process and its descendants, from {@code /proc/<pid>/status}; empty where
     * there is no {@code /proc} (not Linux).
     */
    public OptionalLong residentSetBytes() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        long total = 0;
        boolean measured = false;
        for (ProcessHandle handle : tree) {
            OptionalLong rss = residentSetBytes(handle.pid());
            if (rss.isPresent()) {
                total += rss.getAsLong();
                measured = true;
            }
        }
        return measured ? OptionalLong.of(total) : OptionalLong.empty();
    }

    static OptionalLong residentSetBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The last {@code lines} lines of the log, indented, for error messages. */
    public String logTail(int lines) {
        return LogFiles.tail(logFile, lines);
    }
}
