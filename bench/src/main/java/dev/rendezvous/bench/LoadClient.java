package dev.rendezvous.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The open-loop load's HTTP: creations, event streams and webhooks on one Vert.x event loop with
 * pooled keep-alive connections. The JDK's HttpClient cost the benchmark ~0.5 core at 200 sessions/s
 * on a 2-core machine, taken from the system it measures.
 */
final class LoadClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient session;
    private final HttpClient presence;
    private final String backend;

    LoadClient(String backend) {
        this.backend = backend;
        this.session = client(Lab.SESSION);
        this.presence = client(Lab.PRESENCE);
    }

    private HttpClient client(String base) {
        URI uri = URI.create(base);
        return vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
                .setKeepAlive(true).setConnectTimeout(5000).setIdleTimeout(30), new PoolOptions().setHttp1MaxSize(2000));
    }

    /** Creates a session; completes with its id. */
    CompletionStage<String> create(String customer, String mechanic) {
        String body = "{\"customerId\":\"" + customer + "\",\"mechanicId\":\"" + mechanic + "\"}";
        return send(session, HttpMethod.POST, "/v1/sessions", body, "Bearer " + backend, "application/json", 201)
                .thenApply(Lab::sessionIdIn);
    }

    /** Sends a signed webhook; completes when presence-service answered 200 (after its Kafka ack). */
    CompletionStage<Void> webhook(String body) {
        String signature;
        try {
            signature = Lab.sign(body);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(presence, HttpMethod.POST, "/v1/livekit/webhook", body, signature, "application/webhook+json", 200)
                .thenApply(answer -> null);
    }

    /** Ends a session as the backend. */
    CompletionStage<Void> end(String sessionId) {
        return send(session, HttpMethod.POST, "/v1/sessions/" + sessionId + "/end", "", "Bearer " + backend, "application/json", 200)
                .thenApply(answer -> null);
    }

    /** Opens the session's event stream as a backend; the stream tells what arrives on it. */
    Stream stream(String sessionId) {
        return stream(sessionId, backend);
    }

    /** Opens the session's event stream with this JWT (a roster member's, as a page would). */
    Stream stream(String sessionId, String jwt) {
        Stream stream = new Stream();
        vertx.runOnContext(ignored -> session.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/v1/sessions/" + sessionId + "/stream").putHeader("Authorization", "Bearer " + jwt)
                        .putHeader("Accept", "text/event-stream"))
                .compose(request -> {
                    stream.request = request;
                    return request.send();
                })
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        stream.fail(new IllegalStateException("stream answered " + response.statusCode()));
                        return;
                    }
                    response.handler(stream::onData);
                    response.endHandler(end -> stream.fail(new IllegalStateException("stream closed")));
                    response.exceptionHandler(stream::fail);
                })
                .onFailure(stream::fail));
        return stream;
    }

    private CompletionStage<String> send(HttpClient client, HttpMethod method, String uri, String body, String authorization,
                                         String contentType, int expected) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        vertx.runOnContext(ignored -> client.request(new RequestOptions().setMethod(method).setURI(uri)
                        .putHeader("Authorization", authorization).putHeader("Content-Type", contentType).setTimeout(30_000))
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(b -> {
                    if (response.statusCode() != expected) {
                        throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + b);
                    }
                    return b.toString();
                }))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        answer.complete(result.result());
                    } else {
                        answer.completeExceptionally(result.cause());
                    }
                }));
        return answer;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** One event stream: completes its futures as the snapshot (v1), WAITING with the customer (v2) and READY arrive. */
    static final class Stream {
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        final CompletableFuture<Void> waiting = new CompletableFuture<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder pending = new StringBuilder();
        private volatile HttpClientRequest request;

        private void onData(Buffer chunk) {
            pending.append(chunk.toString());
            int end;
            while ((end = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, end);
                pending.delete(0, end + 1);
                if (!line.startsWith("data:")) {
                    continue;
                }
                opened.complete(null);
                if (line.contains("\"version\":2")) {
                    waiting.complete(null);
                }
                if (line.contains("\"status\":\"READY\"")) {
                    ready.complete(null);
                }
            }
        }

        private void fail(Throwable e) {
            opened.completeExceptionally(e);
            waiting.completeExceptionally(e);
            ready.completeExceptionally(e);
        }

        /** Closes the stream's connection (an HTTP/1.1 stream ends only with its connection). */
        void close() {
            HttpClientRequest current = request;
            if (current != null) {
                current.reset();
            }
        }
    }
}
