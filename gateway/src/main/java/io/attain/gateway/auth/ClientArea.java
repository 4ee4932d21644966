package io.attain.gateway.auth;

import java.util.List;
import java.util.Set;

/**
 * Paths reserved for machine clients, e.g. the CRM ingestion API for the {@code crm-integration} client: only
 * callers the area admits may call them, and those callers may call nothing else (see {@link AccessRules}).
 *
 * @param name     area name, from configuration
 * @param prefixes path prefixes without trailing slash, matched on whole segments
 * @param clients  admitted OAuth client ids
 * @param roles    admitted realm roles (any one suffices)
 */
public record ClientArea(String name, List<String> prefixes, Set<String> clients, Set<String> roles) {

    public ClientArea {
        prefixes = List.copyOf(prefixes);
        clients = Set.copyOf(clients);
        roles = Set.copyOf(roles);
    }

    public boolean covers(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    public boolean admits(EdgeCaller caller) {
        if (caller.client() != null && clients.contains(caller.client())) {
            return true;
        }
        for (String role : caller.roles()) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
