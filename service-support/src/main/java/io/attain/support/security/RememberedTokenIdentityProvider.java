package io.attain.support.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * Answers a bearer token that quarkus-oidc verified recently with the identity it built then, instead of verifying
 * the signature again.
 *
 * <p>Verifying an RS256 token is the largest CPU cost of a small request on the event loop (about a third of it for
 * a single CRM delivery), and a client sends the same access token for its whole lifetime. This provider comes before
 * quarkus-oidc's (a higher priority): it answers only a token it remembers, by its exact text, and otherwise passes the
 * request on, so an unknown token is verified by quarkus-oidc exactly as before and {@link Recorder} remembers the
 * identity that came out of it. Nothing is remembered past the token's {@code exp} or longer than
 * {@code attain.security.verified-tokens.ttl} (see {@link VerifiedTokens}); an expired, forged or otherwise invalid
 * token is never answered from memory. Turned off where quarkus-oidc checks more than the token and the time
 * (sender-constrained tokens, a maximum token age), and by {@code attain.security.verified-tokens.cache-size=0}.
 */
@ApplicationScoped
public class RememberedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Quarkus' providers have priorities up to {@link #SYSTEM_FIRST} + 1 (quarkus-oidc's). */
    static final int PRIORITY = SYSTEM_FIRST + 100;
    private static final String BEARER = "bearer";
    /** Attributes of the identity that belong to the request it was built for, set again for each request. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();
    /** Marks an identity answered from memory, so that {@link Recorder} does not remember it again. */
    private static final String REMEMBERED = RememberedTokenIdentityProvider.class.getName();

    private final VerifiedTokens<SecurityIdentity> verified;
    /** quarkus-oidc's {@code lifespan-grace}: it accepts a token until that many seconds after its {@code exp}. */
    private final long lifespanGraceSeconds;

    @Inject
    public RememberedTokenIdentityProvider(VerifiedTokensConfig config) {
        Config quarkus = ConfigProvider.getConfig();
        this.lifespanGraceSeconds = quarkus.getOptionalValue("quarkus.oidc.token.lifespan-grace", Integer.class).orElse(0);
        this.verified = config.cacheSize() > 0 && !checkedPerRequest(quarkus)
                ? new VerifiedTokens<>(config.cacheSize(), config.ttl(), Clock.systemUTC())
                : null;
    }

    /**
     * Whether quarkus-oidc checks more than the token's own bytes and the time: the sender of a sender-constrained
     * token (DPoP proof, client certificate) and the token's age since {@code iat}.
     */
    private static boolean checkedPerRequest(Config quarkus) {
        return !"Bearer".equalsIgnoreCase(quarkus.getOptionalValue("quarkus.oidc.token.authorization-scheme", String.class)
                .orElse("Bearer"))
                || quarkus.getOptionalValue("quarkus.oidc.token.binding.certificate", Boolean.class).orElse(false)
                || quarkus.getOptionalValue("quarkus.oidc.token.age", String.class).isPresent();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        TokenCredential token = request.getToken();
        SecurityIdentity remembered = verified == null || !BEARER.equals(token.getType()) ? null : verified.get(token.getToken());
        if (remembered == null) {
            // not known: the next provider (quarkus-oidc) verifies it
            return Uni.createFrom().nullItem();
        }
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(remembered)
                .addAttribute(ROUTING_CONTEXT, routingContext)
                .addAttribute(REQUEST_CONTEXT, routingContext == null ? null : routingContext.get(REQUEST_CONTEXT))
                .build());
    }

    /** Whether {@code token} would be answered from memory now; for tests and diagnostics. */
    public boolean remembers(String token) {
        return verified != null && verified.get(token) != null;
    }

    void remember(SecurityIdentity identity) {
        if (verified == null || identity.isAnonymous() || identity.getAttribute(REMEMBERED) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        TokenCredential token = identity.getCredential(TokenCredential.class);
        if (token != null && BEARER.equals(token.getType()) && token.getToken() != null) {
            // without the request it was built for, which memory must not keep alive
            verified.remember(token.getToken(), QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(ROUTING_CONTEXT, null)
                    .addAttribute(REQUEST_CONTEXT, null)
                    .addAttribute(REMEMBERED, Boolean.TRUE)
                    .build(), jwt.getExpirationTime() + lifespanGraceSeconds);
        }
    }

    /**
     * Remembers each identity quarkus-oidc built from a bearer token. It runs before every other augmentor, so what is
     * remembered is what the verification produced, and the other augmentors still run on every request.
     */
    @ApplicationScoped
    @Unremovable
    public static class Recorder implements SecurityIdentityAugmentor {

        @Inject
        RememberedTokenIdentityProvider provider;

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            provider.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
