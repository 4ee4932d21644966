package io.attain.pipeline.crm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;

/**
 * Which machine client delivers, and whether it signed what it sent. The client is named by its token (Keycloak
 * puts the client id of a client-credentials token in {@code azp}); its secret comes from
 * {@code attain.crm.clients.<client id>.secret}.
 */
@ApplicationScoped
public class CrmClients {

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
}
