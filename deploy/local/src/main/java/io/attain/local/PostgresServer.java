package io.attain.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Real PostgreSQL (zonky embedded binaries) with its data directory kept under the suite's data directory,
 * a login role for the applications, and one database per service.
 */
public final class PostgresServer implements AutoCloseable {
    /** DEMO-ONLY credentials of the role every service connects as. */
    public static final String USER = "attain";
    public static final String PASSWORD = "attain";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private final Duration startupTime;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, int port, Path logFile,
                           Duration startupTime) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.logFile = logFile;
        this.startupTime = startupTime;
    }

    /** Starts PostgreSQL on {@code port}, initialising {@code dataDirectory} if it is empty, and creates missing databases. */
    public static PostgresServer start(Path dataDirectory, int port, Path logFile, Duration timeout,
                                       List<String> databases) {
        Instant startedAt = Instant.now();
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(timeout)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new SuiteException("PostgreSQL did not start on port " + port + ": " + e.getMessage()
                    + "; see " + logFile + System.lineSeparator() + LogFiles.tail(logFile, 20), e);
        }
        PostgresServer server = new PostgresServer(postgres, dataDirectory, port, logFile, Duration.between(startedAt, Instant.now()));
        try {
            server.createRoleAndDatabases(databases);
        } catch (SQLException e) {
            server.close();
            throw new SuiteException("cannot create the Attain databases: " + e.getMessage() + "; see " + logFile, e);
        }
        return server;
    }

    private void createRoleAndDatabases(List<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            for (String database : databases) {
                if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
                    // names come from the Service enum, never from user input
                    statement.execute("create database " + database + " owner " + USER
                            + " encoding 'UTF8' template template0");
                }
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Memory of the postmaster and its backends as their summed proportional set size: every backend maps
     * the shared buffers, so summing resident sets would count them once per backend.
     */
    public OptionalLong residentSetBytes() {
        ProcessHandle postmaster = postmasterProcess();
        if (postmaster == null) {
            return OptionalLong.empty();
        }
        OptionalLong total = proportionalSetBytes(postmaster.pid());
        if (total.isEmpty()) {
            return total;
        }
        // a backend that ends between listing and reading simply no longer counts
        return OptionalLong.of(total.getAsLong() + postmaster.descendants()
                .mapToLong(backend -> proportionalSetBytes(backend.pid()).orElse(0))
                .sum());
    }

    private static OptionalLong proportionalSetBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(4).replace("kB", "").trim()) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private ProcessHandle postmasterProcess() {
        // pg_ctl detaches the postmaster; its pid is the first line of postmaster.pid in the data directory
        try {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            String pid = Files.readAllLines(pidFile).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new SuiteException("PostgreSQL did not stop cleanly: " + e.getMessage() + "; see " + logFile, e);
        }
    }
}
