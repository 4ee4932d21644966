package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.attain.local.DemoUsers.DemoUser;

import java.util.Optional;

/** What {@code ./attain up} prints once everything is ready. */
final class Banner {

    static String text(Suite suite, String dealId, Optional<JsonNode> credit) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        Ports ports = suite.ports();
        out.append(nl).append("Attain is up (all healthy in ").append(Suite.seconds(suite.startupTime())).append(")").append(nl).append(nl);
        out.append("  Gateway            ").append(suite.gatewayUrl()).append("   (/api/targets/**, /api/pipeline/**, /api/incentives/**)").append(nl);
        for (Service service : Service.backends()) {
            if (!suite.options().services().contains(service)) {
                out.append(String.format("  %-18s not started (--without); expected on %s%n", service.module(), suite.serviceUrl(service)));
                continue;
            }
            out.append(String.format("  %-18s %s/q/swagger-ui   (OpenAPI: /q/openapi)%n", service.module(), suite.serviceUrl(service)));
        }
        out.append("  Keycloak           ").append(suite.keycloak().baseUrl()).append("   realm ").append(KeycloakServer.REALM)
                .append("; admin console login ").append(KeycloakServer.CONSOLE_ADMIN_USER).append(" / ")
                .append(KeycloakServer.CONSOLE_ADMIN_PASSWORD).append(nl);
        out.append("  Kafka              localhost:").append(ports.kafka()).append(nl);
        out.append("  PostgreSQL         jdbc:postgresql://localhost:").append(ports.postgres())
                .append("/{targets,pipeline,incentive}   user ").append(PostgresServer.USER).append(" / ")
                .append(PostgresServer.PASSWORD).append(nl).append(nl);

        out.append("Demo logins (realm ").append(KeycloakServer.REALM).append(", client ").append(DemoUsers.WEB_CLIENT_ID)
                .append("; DEMO-ONLY passwords):").append(nl);
        for (DemoUser user : DemoUsers.ALL) {
            out.append(String.format("  %-10s / %-8s  %-7s  %s  %s  id %s%n", user.username(), user.password(), user.role(),
                    padWide(user.displayName(), 4), padWide(user.department() == null ? "" : user.department(), 10), user.id()));
        }
        out.append(String.format("  client %s / secret %s (client credentials)%n", DemoUsers.CRM_CLIENT_ID, DemoUsers.CRM_CLIENT_SECRET));
        out.append(nl);

        DemoUser rep = DemoData.DEAL_OWNER;
        if (dealId != null) {
            out.append("Demo data: ").append(DemoData.COMPANY).append(" with 大客户部 / 区域销售部 / 线上销售部, annual revenue target ")
                    .append(DemoData.ANNUAL_TARGET).append(" CNY, quarterly target ").append(DemoData.QUARTERLY_REP_TARGET)
                    .append(" CNY for ").append(rep.displayName()).append(", deal ").append(dealId).append(" WON.").append(nl);
            out.append(credit.map(c -> "Credit recorded for " + rep.displayName() + ": " + c.path("amount").path("amount").asText()
                            + " " + c.path("amount").path("currency").asText())
                    .orElse("The deal's credit has not shown up in incentive-service yet; see " + suite.logFile(Service.INCENTIVE.module())))
                    .append(nl).append(nl);
        }
        out.append("Try it (a token for ").append(rep.username()).append(", then the rep's credits through the gateway):").append(nl);
        out.append("  TOKEN=$(curl -s -d grant_type=password -d client_id=").append(DemoUsers.WEB_CLIENT_ID)
                .append(" -d username=").append(rep.username()).append(" -d password=").append(rep.password())
                .append(" ").append(suite.keycloak().tokenUrl())
                .append(" | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')").append(nl);
        out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(suite.gatewayUrl())
                .append("/api/incentives/members/").append(rep.id()).append("/credits").append(nl);
        out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(suite.gatewayUrl())
                .append("/api/pipeline/deals").append(nl).append(nl);

        out.append("Startup and memory:").append(nl);
        for (Suite.ComponentStatus status : suite.status()) {
            out.append(String.format("  %-18s ready in %7s   RSS %6s   log %s%n", status.name(), Suite.seconds(status.startupTime()),
                    status.residentSetBytes().isPresent() ? status.residentSetBytes().getAsLong() / (1024 * 1024) + " MB" : "-",
                    status.logFile()));
        }
        out.append(nl).append("Press Ctrl-C to stop everything.");
        return out.toString();
    }

    /** Pads to {@code columns} terminal columns, counting CJK characters as two columns wide. */
    static String padWide(String text, int columns) {
        int width = text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
        return text + " ".repeat(Math.max(0, columns - width));
    }

    private Banner() {
    }
}
