package io.attain.gateway.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.attain.gateway.config.AuthConfig;

/**
 * The coarse, path-level rules the gateway applies to verified callers. Everything finer (roles per endpoint,
 * whose data a caller may see) stays with the services.
 * <ul>
 * <li>a path inside a {@link ClientArea} may only be called by a caller that area admits;</li>
 * <li>a caller admitted by some area is a machine client: it may only call paths of the areas admitting it, so a
 * leaked integration credential cannot read user data.</li>
 * </ul>
 */
public final class AccessRules {

    private final List<ClientArea> areas;

    public AccessRules(List<ClientArea> areas) {
        this.areas = List.copyOf(areas);
    }

    /**
     * Builds the rules from configuration, failing with a message that names the offending key.
     */
    public static AccessRules from(AuthConfig config) {
        List<ClientArea> areas = new ArrayList<>();
        for (Map.Entry<String, AuthConfig.ClientAreaConfig> entry : config.clientAreas().entrySet()) {
            String key = "attain.gateway.auth.client-areas." + entry.getKey();
            AuthConfig.ClientAreaConfig area = entry.getValue();
            List<String> prefixes = new ArrayList<>();
            for (String prefix : area.prefixes()) {
                String trimmed = prefix.trim();
                while (trimmed.length() > 1 && trimmed.endsWith("/")) {
                    trimmed = trimmed.substring(0, trimmed.length() - 1);
                }
                if (!trimmed.startsWith("/") || trimmed.length() < 2) {
                    throw new IllegalArgumentException(key + ".prefixes must be paths below '/': " + prefix);
                }
                prefixes.add(trimmed);
            }
            List<String> clients = trimmed(area.clients().orElse(List.of()));
            List<String> roles = trimmed(area.roles().orElse(List.of()));
            if (prefixes.isEmpty() || clients.isEmpty() && roles.isEmpty()) {
                throw new IllegalArgumentException(key + " needs prefixes and at least one of clients, roles");
            }
            areas.add(new ClientArea(entry.getKey(), prefixes, new HashSet<>(clients), new HashSet<>(roles)));
        }
        return new AccessRules(areas);
    }

    /**
     * Why the caller may not call the path, or empty when it may.
     */
    public Optional<String> refusal(EdgeCaller caller, String path) {
        boolean confined = false;
        boolean admittedHere = false;
        String coveringArea = null;
        for (ClientArea area : areas) {
            boolean admitted = area.admits(caller);
            confined |= admitted;
            if (area.covers(path)) {
                admittedHere |= admitted;
                coveringArea = coveringArea == null ? area.name() : coveringArea;
            }
        }
        if (coveringArea != null) {
            return admittedHere ? Optional.empty()
                    : Optional.of("This API is reserved for the " + coveringArea + " integration client.");
        }
        return confined ? Optional.of("This client may only call its integration API.") : Optional.empty();
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
    }
}
