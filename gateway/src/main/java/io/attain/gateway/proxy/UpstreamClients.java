package io.attain.gateway.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/**
 * The HTTP clients the gateway reaches upstreams with: one per event loop, each used only from its own loop.
 * <p>
 * A single Vert.x client shares one connection pool between all event loops and hands a request whichever idle
 * connection was used last, usually one owned by another loop; every step of the exchange (connection lease, response
 * head, each body chunk, end) then hops between the two threads through a task queue and a selector wake-up system
 * call. Measured in bench/gateway-load this cost more CPU than the proxying itself. With one client per loop a
 * connection is opened on the loop of the request that needed it and only ever serves requests of that loop.
 * <p>
 * {@code attain.gateway.max-connections-per-upstream} stays the bound for the whole gateway: each loop's pool gets
 * its share, rounded up.
 */
public final class UpstreamClients implements AutoCloseable {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions poolOptions;
    private final Map<EventLoop, HttpClient> byEventLoop = new ConcurrentHashMap<>();
    /** For callers that are not on an event loop (a worker thread): their callbacks hop to a loop anyway. */
    private final HttpClient offLoop;

    public UpstreamClients(Vertx vertx, HttpClientOptions options, int maxConnectionsPerUpstream) {
        if (maxConnectionsPerUpstream < 1) {
            throw new IllegalArgumentException("attain.gateway.max-connections-per-upstream must be at least 1");
        }
        int loops = 0;
        for (var ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
            loops++;
        }
        this.vertx = vertx;
        this.options = options;
        this.poolOptions = new PoolOptions()
                .setHttp1MaxSize(Math.max(1, (maxConnectionsPerUpstream + loops - 1) / Math.max(1, loops)));
        this.offLoop = vertx.createHttpClient(options, poolOptions);
    }

    /**
     * The client of the calling event loop; requests sent with it keep every callback on that loop.
     */
    public HttpClient current() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isEventLoopContext()) {
            return byEventLoop.computeIfAbsent(internal.nettyEventLoop(),
                    loop -> vertx.createHttpClient(options, poolOptions));
        }
        return offLoop;
    }

    /** Connections each event loop may hold to one upstream host. */
    public int connectionsPerEventLoop() {
        return poolOptions.getHttp1MaxSize();
    }

    @Override
    public void close() {
        byEventLoop.values().forEach(HttpClient::close);
        offLoop.close();
    }
}
