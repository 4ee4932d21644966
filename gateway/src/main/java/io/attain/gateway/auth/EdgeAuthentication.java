package io.attain.gateway.auth;

import java.util.HashSet;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jboss.logging.Logger;

import io.attain.gateway.config.AuthConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies the bearer token of a routed request at the edge.
 * <p>
 * The verification itself is quarkus-oidc's ({@code quarkus.oidc.*}): signature with the realm's keys (JWKS
 * fetched from Keycloak and refreshed on key rotation, or a fixed public key), issuer and expiry. Quarkus runs it
 * lazily ({@code quarkus.http.auth.proactive=false}), so only routed requests pay for it and the gateway, not
 * Quarkus, writes the 401: problem+json like every other gateway error. The services verify the token again;
 * the gateway forwards it unchanged.
 * <p>
 * Verifying an RS256 token costs far more CPU than proxying the request (measured in bench/gateway-load), and a
 * front-end sends the same access token for its whole lifetime. So a verified token is remembered by its exact text
 * for {@code verified-tokens-ttl} (never past its {@code exp}): the same bytes were already checked, so the answer
 * cannot differ, except that a key Keycloak stops trusting is noticed up to that long later.
 */
@Startup
@Singleton
public class EdgeAuthentication {

    private static final Logger LOG = Logger.getLogger(EdgeAuthentication.class);

    /** Quarkus' default reaction to a failed lazy authentication ends the response; the gateway answers itself. */
    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BY_GATEWAY = (ctx, failure) -> {
    };

    private final boolean enabled;
    private final AccessRules rules;
    /** Recently verified tokens by their Authorization header value; {@code null} when turned off. */
    private final Cache<String, RememberedToken> verifiedTokens;

    public EdgeAuthentication(AuthConfig config) {
        this.enabled = config.enabled();
        this.rules = AccessRules.from(config);
        if (config.verifiedTokensCacheSize() < 0 || config.verifiedTokensTtl().isNegative()) {
            throw new IllegalArgumentException("attain.gateway.auth.verified-tokens-cache-size and"
                    + " verified-tokens-ttl must not be negative");
        }
        this.verifiedTokens = config.verifiedTokensCacheSize() == 0 || config.verifiedTokensTtl().isZero() ? null
                : Caffeine.newBuilder()
                        .maximumSize(config.verifiedTokensCacheSize())
                        .expireAfterWrite(config.verifiedTokensTtl())
                        // Upkeep on the calling event loop: a few list operations, cheaper than handing a task to
                        // the common pool (a thread wake-up) as often as every request.
                        .executor(Runnable::run)
                        .build();
    }

    private record RememberedToken(EdgeCaller caller, long expiresAtEpochSecond) {
    }

    /**
     * What the gateway learnt about a request's token.
     */
    public sealed interface Outcome {
    }

    /** A valid token. */
    public record Verified(EdgeCaller caller) implements Outcome {
    }

    /** No bearer token at all. */
    public record Missing() implements Outcome {
    }

    /** A bearer token that failed verification (bad signature, other issuer, expired, malformed). */
    public record Invalid() implements Outcome {
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Verifies the request's token and hands the outcome to {@code then} on the request's Vert.x context.
     */
    public void authenticate(RoutingContext ctx, Consumer<Outcome> then) {
        String authorization = ctx.request().getHeader("Authorization");
        if (verifiedTokens != null && authorization != null) {
            RememberedToken remembered = verifiedTokens.getIfPresent(authorization);
            if (remembered != null) {
                if (remembered.expiresAtEpochSecond() > System.currentTimeMillis() / 1000) {
                    then.accept(new Verified(remembered.caller()));
                    return;
                }
                verifiedTokens.invalidate(authorization);
            }
        }
        Context context = Vertx.currentContext();
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BY_GATEWAY);
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> deliver(context, then, remember(authorization, identity, outcomeOf(identity))),
                failure -> {
                    LOG.debugf("Bearer token refused at the edge: %s", failure.getMessage());
                    deliver(context, then, new Invalid());
                });
    }

    /**
     * Why a verified caller may not call the path (client areas), or empty when it may.
     */
    public Optional<String> refusal(EdgeCaller caller, String path) {
        return rules.refusal(caller, path);
    }

    private Outcome remember(String authorization, SecurityIdentity identity, Outcome outcome) {
        if (verifiedTokens != null && authorization != null && outcome instanceof Verified verified
                && identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
            verifiedTokens.put(authorization, new RememberedToken(verified.caller(), token.getExpirationTime()));
        }
        return outcome;
    }

    private static Outcome outcomeOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Missing();
        }
        String subject = null;
        String client = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            subject = token.getSubject();
            client = stringClaim(token, "azp");
            if (client == null) {
                client = stringClaim(token, "client_id");
            }
        }
        return new Verified(new EdgeCaller(subject, client, new HashSet<>(identity.getRoles())));
    }

    private static String stringClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof jakarta.json.JsonString json) {
            value = json.getString();
        }
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    private static void deliver(Context context, Consumer<Outcome> then, Outcome outcome) {
        if (context == null || Vertx.currentContext() == context) {
            then.accept(outcome);
        } else {
            context.runOnContext(ignored -> then.accept(outcome));
        }
    }
}
