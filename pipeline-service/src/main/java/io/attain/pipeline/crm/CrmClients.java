package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which machine client delivers, and whether it signed what it sent. The client is named by its token (Keycloak
 * puts the client id of a client-credentials token in {@code azp}); its secret comes from
 * {@code attain.crm.clients.<client id>.secret}.
 */
@ApplicationScoped
public class CrmClients {

    static final String SYSTEM_NOT_ALLOWED = "crm-system-not-allowed";

    @Inject
    CrmConfig config;

    @Inject
    JsonWebToken token;

    /** The client id of the caller's token: {@code azp}, else {@code client_id}, else the subject. */
    public String clientId() {
        // Only the claims the token has: asking for a missing non-standard one (client_id) costs smallrye-jwt an
        // exception, on every delivery of a token without it.
        Set<String> present = token.getClaimNames();
        for (String claim : new String[] {"azp", "client_id"}) {
            Object value = present != null && present.contains(claim) ? token.getClaim(claim) : null;
            // Claims outside the JWT standard may come as JSON values, whose toString() would keep the quotes.
            String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return token.getSubject();
    }

    /**
     * Checks the delivery's signature with the calling client's secret.
     *
     * @return the client id
     */
    public String verify(String timestamp, String signature, byte[] body) {
        String client = clientId();
        CrmConfig.Client settings = config.clients().get(client);
        String secret = settings == null ? null : settings.secret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            throw CrmSignature.unauthorized("unknown-client", "no signing secret is configured for client " + client
                    + " (attain.crm.clients." + client + ".secret)");
        }
        CrmSignature.verify(secret, timestamp, signature, body, Instant.now(), config.signatureTolerance());
        return client;
    }

    /**
     * Refuses an event for a CRM system the client is not configured for ({@code attain.crm.clients.<id>.systems}).
     *
     * @throws ProblemException 403 {@code crm-system-not-allowed}
     */
    public void confine(String client, CrmDealEvent event) {
        Problem refusal = refusal(client, event);
        if (refusal != null) {
            throw new ProblemException(refusal.status(), SYSTEM_NOT_ALLOWED, refusal.title(), refusal.detail());
        }
    }

    /** The items of a batch, those for a CRM system the client is not configured for turned into their refusal. */
    List<CrmEventReader.Item> confine(String client, List<CrmEventReader.Item> items) {
        List<CrmEventReader.Item> confined = new ArrayList<>(items.size());
        for (CrmEventReader.Item item : items) {
            Problem refusal = item.event() == null ? null : refusal(client, item.event());
            confined.add(refusal == null ? item : new CrmEventReader.Item(item.index(), item.eventId(), null, refusal));
        }
        return confined;
    }

    private Problem refusal(String client, CrmDealEvent event) {
        Optional<List<String>> systems = Optional.ofNullable(config.clients().get(client)).flatMap(CrmConfig.Client::systems);
        if (systems.isEmpty() || systems.get().stream().anyMatch(system -> system.strip().equalsIgnoreCase(event.crmSystem()))) {
            return null;
        }
        return new Problem(Problem.type(SYSTEM_NOT_ALLOWED), "CRM system not allowed", 403, "client " + client
                + " delivers for " + String.join(", ", systems.get()) + ", not for " + event.crmSystem(), null, List.of());
    }
}
