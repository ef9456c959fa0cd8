package dev.rendezvous.presence.rest;

import dev.rendezvous.presence.config.WebhookConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a webhook whose declared Content-Length is over the limit before a byte of its body is
 * read, so an oversize request costs no buffer; a body without a declared length is still measured
 * by {@link WebhookResource} as it arrives.
 */
@ApplicationScoped
public class DeclaredSizeLimit {

    private final MeterRegistry registry;
    private final long maxBodyBytes;

    public DeclaredSizeLimit(MeterRegistry registry, WebhookConfig config) {
        this.registry = registry;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    void install(@Observes StartupEvent start, Router router) {
        // Before Quarkus' own handlers (which read the body) see the request.
        router.route("/v1/livekit/webhook").order(Integer.MIN_VALUE).handler(ctx -> {
            if (declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > maxBodyBytes) {
                registry.counter("rendezvous.webhooks.rejected", "reason", "too-large").increment();
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(new JsonObject().put("error", "too-large")
                                .put("message", "the body is over " + maxBodyBytes + " bytes").encode())
                        // The rest of the body is still on its way: the connection goes rather than read it.
                        .onComplete(sent -> ctx.request().connection().close());
                return;
            }
            ctx.next();
        });
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
