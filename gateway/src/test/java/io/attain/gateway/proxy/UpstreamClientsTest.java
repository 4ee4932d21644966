package io.attain.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.impl.HttpClientConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

class UpstreamClientsTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendEveryRequestOverAConnectionOfTheCallingEventLoop() throws Exception {
        HttpServer upstream = vertx.createHttpServer()
                .requestHandler(request -> request.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        UpstreamClients clients = new UpstreamClients(vertx, new HttpClientOptions().setKeepAlive(true), 8);
        // Each new event-loop context gets the next loop of the group: two contexts, two loops.
        VertxInternal internal = (VertxInternal) vertx;
        List<Context> contexts = List.of(internal.createEventLoopContext(), internal.createEventLoopContext());
        assertThat(loopOf(contexts.get(0))).isNotSameAs(loopOf(contexts.get(1)));

        List<CompletableFuture<List<Boolean>>> outcomes = new ArrayList<>();
        List<CompletableFuture<HttpClient>> usedClients = new ArrayList<>();
        for (Context context : contexts) {
            CompletableFuture<List<Boolean>> sameLoop = new CompletableFuture<>();
            CompletableFuture<HttpClient> used = new CompletableFuture<>();
            outcomes.add(sameLoop);
            usedClients.add(used);
            context.runOnContext(ignored -> {
                HttpClient client = clients.current();
                used.complete(client);
                List<Boolean> results = new ArrayList<>();
                Future<Void> chain = Future.succeededFuture();
                for (int i = 0; i < 5; i++) {
                    chain = chain.compose(previous -> client
                            .request(HttpMethod.GET, upstream.actualPort(), "127.0.0.1", "/")
                            .compose(request -> {
                                EventLoop connectionLoop = ((HttpClientConnection) request.connection()).getContext()
                                        .nettyEventLoop();
                                results.add(connectionLoop == ContextInternal.current().nettyEventLoop());
                                return request.send().compose(response -> response.body()).mapEmpty();
                            }));
                }
                chain.onComplete(done -> {
                    if (done.succeeded()) {
                        sameLoop.complete(results);
                    } else {
                        sameLoop.completeExceptionally(done.cause());
                    }
                });
            });
        }

        for (CompletableFuture<List<Boolean>> outcome : outcomes) {
            assertThat(outcome.get(10, TimeUnit.SECONDS)).hasSize(5).containsOnly(true);
        }
        assertThat(usedClients.get(0).get()).isNotSameAs(usedClients.get(1).get());
        assertThat(clients.current()).isNotIn(usedClients.get(0).get(), usedClients.get(1).get());
        clients.close();
    }

    @Test
    void shouldShareTheConnectionBoundBetweenTheEventLoops() {
        assertThat(new UpstreamClients(vertx, new HttpClientOptions(), 64).connectionsPerEventLoop()).isEqualTo(32);
        assertThat(new UpstreamClients(vertx, new HttpClientOptions(), 5).connectionsPerEventLoop()).isEqualTo(3);
        assertThat(new UpstreamClients(vertx, new HttpClientOptions(), 1).connectionsPerEventLoop()).isEqualTo(1);
        assertThatThrownBy(() -> new UpstreamClients(vertx, new HttpClientOptions(), 0))
                .hasMessageContaining("attain.gateway.max-connections-per-upstream");
    }

    private static EventLoop loopOf(Context context) {
        return ((ContextInternal) context).nettyEventLoop();
    }
}
