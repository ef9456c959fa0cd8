package dev.rendezvous.token.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for session-service's {@code GET /v1/sessions/{id}} contract, for token-service's own
 * tests: rosters are registered by the test; the caller's JWT must be forwarded; non-members get 403.
 */
public class StubSessionService implements QuarkusTestResourceLifecycleManager {

    public static final String SLOW_SESSION = "5a1e5a1e-0000-4000-8000-000000000000";
    public static final String BROKEN_SESSION = "b0b0b0b0-0000-4000-8000-000000000000";
    private static final Map<String, JsonObject> SESSIONS = new ConcurrentHashMap<>();
    private static final Map<String, String> LAST_AUTHORIZATION = new ConcurrentHashMap<>();
    private Vertx vertx;

    public static void register(String id, String customerId, String mechanicId, String status) {
        SESSIONS.put(id, new JsonObject().put("sessionId", id).put("status", status).put("version", 1)
                .put("customer", new JsonObject().put("userId", customerId).put("present", false))
                .put("mechanic", new JsonObject().put("userId", mechanicId).put("present", false)));
    }

    public static String lastAuthorization(String id) {
        return LAST_AUTHORIZATION.get(id);
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String id = request.path().replaceFirst("^/v1/sessions/", "");
            String auth = request.getHeader("Authorization");
            if (auth != null) {
                LAST_AUTHORIZATION.put(id, auth);
            }
            if (id.equals(SLOW_SESSION)) {
                vertx.setTimer(5000, t -> request.response().setStatusCode(200).end("{}"));
                return;
            }
            if (id.equals(BROKEN_SESSION)) {
                request.response().setStatusCode(500).end("{\"error\":\"internal\"}");
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ")) {
                request.response().setStatusCode(401).end("{\"error\":\"unauthorized\"}");
                return;
            }
            JsonObject session = SESSIONS.get(id);
            if (session == null) {
                request.response().setStatusCode(404).end("{\"error\":\"not-found\"}");
                return;
            }
            String sub = subject(auth.substring(7));
            boolean member = sub.equals(session.getJsonObject("customer").getString("userId"))
                    || sub.equals(session.getJsonObject("mechanic").getString("userId"));
            if (!member) {
                request.response().setStatusCode(403).end("{\"error\":\"forbidden\"}");
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(session.encode());
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.rest-client.session-service.url", "http://127.0.0.1:" + server.actualPort());
    }

    private static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return new JsonObject(payload).getString("sub");
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
