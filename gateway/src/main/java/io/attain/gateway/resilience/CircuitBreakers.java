package io.attain.gateway.resilience;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.attain.gateway.config.ResilienceConfig;
import io.attain.gateway.proxy.Route;
import io.attain.gateway.proxy.RouteTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * One {@link CircuitBreaker} per route, so a failing service never blocks the others; each route may have settings
 * of its own ({@code attain.gateway.circuit-breaker.routes.<route>.*}) or none at all ({@code .enabled=false}). The state of each is
 * published as {@code attain_gateway_circuit_state{route}} (0 closed, 1 half-open, 2 open).
 */
@Startup
@Singleton
public class CircuitBreakers {

    private final Map<String, CircuitBreaker> byRoute;

    public CircuitBreakers(ResilienceConfig config, RouteTable routes, MeterRegistry registry) {
        ResilienceConfig.CircuitBreaker settings = config.circuitBreaker();
        List<String> routeNames = routes.routes().stream().map(Route::name).toList();
        for (String name : settings.routes().keySet()) {
            if (!routeNames.contains(name)) {
                throw new IllegalArgumentException("attain.gateway.circuit-breaker.routes." + name
                        + " names no route; routes are " + routeNames);
            }
        }
        Map<String, CircuitBreaker> breakers = new HashMap<>();
        for (Route route : routes.routes()) {
            ResilienceConfig.RouteCircuitBreaker own = settings.routes().get(route.name());
            boolean enabled = own == null ? settings.enabled() : own.enabled().orElse(settings.enabled());
            if (!enabled) {
                continue;
            }
            CircuitBreaker breaker = new CircuitBreaker(own == null ? CircuitBreakerPolicy.from(settings)
                    : CircuitBreakerPolicy.forRoute(route.name(), settings, own));
            breakers.put(route.name(), breaker);
            Gauge.builder("attain.gateway.circuit.state", breaker, CircuitBreakers::stateValue)
                    .description("Circuit breaker state per route: 0 closed, 1 half-open, 2 open")
                    .tag("route", route.name())
                    .register(registry);
        }
        this.byRoute = Map.copyOf(breakers);
    }

    private static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    /**
     * The route's breaker, or {@code null} when circuit breaking is off for the route.
     */
    public CircuitBreaker forRoute(String routeName) {
        return byRoute.get(routeName);
    }
}
