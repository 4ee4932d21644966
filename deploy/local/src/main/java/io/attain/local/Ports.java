package io.attain.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TCP ports of everything the suite starts, all on the loopback interface. */
public record Ports(int gateway, int targets, int pipeline, int incentive,
                    int keycloak, int kafka, int kafkaController, int postgres) {

    /** The documented local ports: gateway 8080, services 8081-8083, Keycloak 8180, Kafka 9092 (+9093), PostgreSQL 55432. */
    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 8180, 9092, 9093, 55432);
    }

    /** Ports the operating system reports free right now; for tests that run beside a local suite. */
    public static Ports free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[8];
            for (int i = 0; i < ports.length; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way once the socket is gone
                }
            }
        }
    }

    public int of(Service service) {
        return switch (service) {
            case TARGETS -> targets;
            case PIPELINE -> pipeline;
            case INCENTIVE -> incentive;
            case GATEWAY -> gateway;
        };
    }

    /** The ports the infrastructure and {@code services} listen on, with what uses each. */
    public Map<String, Integer> byOwner(Set<Service> services) {
        Map<String, Integer> owners = new LinkedHashMap<>();
        owners.put("PostgreSQL", postgres);
        owners.put("Kafka", kafka);
        owners.put("Kafka controller", kafkaController);
        owners.put("Keycloak", keycloak);
        for (Service service : Service.values()) {
            if (services.contains(service)) {
                owners.put(service.module(), of(service));
            }
        }
        return owners;
    }

    /** Fails with a message naming the owner of each of these ports that something else already listens on. */
    public void requireAvailable(Set<Service> services) {
        List<String> busy = new ArrayList<>();
        byOwner(services).forEach((owner, port) -> {
            if (!isFree(port)) {
                busy.add(port + " (" + owner + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new SuiteException("ports already in use: " + String.join(", ", busy)
                    + ". Is another Attain suite running? Stop it, or choose other ports.");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
