package io.attain.gateway.proxy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;

/**
 * Installs the gateway as the last route of the HTTP router, so Quarkus' own endpoints (/q/health, /q/metrics)
 * keep priority and everything else reaches the {@link GatewayHandler}.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    void install(@Observes Router router, GatewayHandler handler, ProxySettings settings,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> serverBodyLimit) {
        if (serverBodyLimit.isPresent() && serverBodyLimit.get().asLongValue() <= settings.maxBodyBytes()) {
            LOG.warnf("quarkus.http.limits.max-body-size (%d bytes) is not above attain.gateway.max-body-size (%d"
                    + " bytes): Quarkus answers oversize requests with a bare 413 before the gateway can send"
                    + " problem+json", serverBodyLimit.get().asLongValue(), settings.maxBodyBytes());
        }
        router.route().order(RouteConstants.ROUTE_ORDER_AFTER_DEFAULT).handler(handler);
    }
}
