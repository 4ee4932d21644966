package io.attain.pipeline.crm;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the whole body of a CRM delivery on the event loop, before the request is dispatched to its worker thread.
 *
 * <p>The CRM endpoints are blocking and take the raw body bytes (the signature covers exactly those). Left to itself,
 * Quarkus REST streams such a body to the worker through a blocking input stream, with a monitor hand-off between
 * event loop and worker for each chunk and for the end of the body: a quarter of the event loop's time for small
 * single deliveries. A body that the router has already read is handed to the endpoint from memory instead. The
 * limit is the HTTP layer's own ({@code quarkus.http.limits.max-body-size}), so the same bodies are refused as before;
 * the endpoints' smaller limits still apply in {@link CrmEventReader}.
 */
@ApplicationScoped
public class CrmRequestBodies {

    void readOnTheEventLoop(@Observes Router router,
                            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(limit.asLongValue());
        router.route(CrmEventResource.PATH + "*")
                .method(HttpMethod.POST)
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(context -> {
                    // Only a body announced with its length: the endpoint does not take an empty or unannounced body
                    // from the router (it would wait for a stream already consumed), so those go the usual way.
                    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length == null || "0".equals(length)) {
                        context.next();
                    } else {
                        bodies.handle(context);
                    }
                });
    }
}
