package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./attain up}: starts the suite, loads the demo data, prints where everything is and waits for
 * Ctrl-C, which stops every process it started.
 */
public final class AttainLocal {

    private static final String USAGE = """
            Usage: attain up [--fresh] [--no-demo-data] [--data-dir DIR] [--without SERVICE]...

              --fresh            delete the data directory first (PostgreSQL, Kafka, logs) and start empty
              --no-demo-data     do not load the demo company, targets and deal
              --data-dir DIR     keep data and logs in DIR instead of <repository>/.attain
              --without SERVICE  do not start SERVICE (targets-service, pipeline-service, incentive-service,
                                 gateway), e.g. to run it with ./mvnw quarkus:dev on its usual port; implies
                                 --no-demo-data
            """;

    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        boolean fresh = false;
        boolean demoData = true;
        Path dataDirectory = null;
        boolean up = false;
        Set<Service> services = EnumSet.allOf(Service.class);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> up = true;
                case "--fresh" -> fresh = true;
                case "--no-demo-data" -> demoData = false;
                case "--root" -> root = Path.of(requireValue(args, ++i, "--root"));
                case "--data-dir" -> dataDirectory = Path.of(requireValue(args, ++i, "--data-dir"));
                case "--without" -> services.remove(service(requireValue(args, ++i, "--without")));
                case "-h", "--help", "help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> fail("unknown argument: " + args[i] + System.lineSeparator() + USAGE);
            }
        }
        if (!up) {
            fail(USAGE);
        }
        if (services.size() < Service.values().length) {
            demoData = false;
        }
        SuiteOptions options = SuiteOptions.builder(root).dataDirectory(dataDirectory).fresh(fresh)
                .services(services).build();
        Suite suite;
        String dealId = null;
        Optional<JsonNode> credit = Optional.empty();
        try {
            suite = Suite.start(options);
            if (demoData) {
                try {
                    dealId = DemoData.load(suite);
                    credit = DemoData.awaitCredit(suite, dealId, Duration.ofSeconds(60));
                } catch (RuntimeException e) {
                    suite.stop();
                    throw e;
                }
            }
        } catch (SuiteException e) {
            fail("Attain did not start: " + e.getMessage());
            return;
        }
        System.out.println(Banner.text(suite, dealId, credit));
        watch(suite);
    }

    /** Reports children that die while the suite runs; returns only when the JVM shuts down. */
    private static void watch(Suite suite) {
        Set<String> reported = new HashSet<>();
        while (true) {
            List<String> exited = suite.exitedUnexpectedly();
            for (String name : exited) {
                if (reported.add(name)) {
                    System.err.println("!! " + name + " has exited; see " + suite.logFile(name));
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Service service(String module) {
        for (Service service : Service.values()) {
            if (service.module().equals(module)) {
                return service;
            }
        }
        fail("unknown service: " + module);
        throw new IllegalStateException("unreachable");
    }

    private static String requireValue(String[] args, int index, String option) {
        if (index >= args.length) {
            fail(option + " needs a value");
        }
        return args[index];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }

    private AttainLocal() {
    }
}
