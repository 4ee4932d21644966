package io.attain.gateway.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.attain.gateway.proxy.Route;
import io.attain.gateway.proxy.RouteTable;

/**
 * Ready once the route table is loaded. Upstreams are deliberately not probed: a slow or down service must not
 * take the whole gateway out of rotation (its routes answer 502/504 instead). Upstream addresses are not
 * shown because /q/health is reachable on the public port.
 */
@Readiness
@ApplicationScoped
public class RoutesHealthCheck implements HealthCheck {

    private final RouteTable routes;

    public RoutesHealthCheck(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway-routes").up();
        for (Route route : routes.routes()) {
            builder.withData(route.name(), route.prefix());
        }
        return builder.build();
    }
}
