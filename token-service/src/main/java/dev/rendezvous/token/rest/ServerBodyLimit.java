package dev.rendezvous.token.rest;

import dev.rendezvous.kernel.BodyLength;
import dev.rendezvous.kernel.Refusal;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server-wide cap (quarkus.http.limits.max-body-size), answered as every refusal is, {@code {error,
 * message}}: Quarkus's own check, one step later, would answer the same 413 with an empty body. Each call's
 * smaller limit is checked for the method that handles it ({@link BodyLimits}).
 */
public class ServerBodyLimit {

    /** Before Quarkus's own check of the declared length (its route order is -2). */
    private static final int BEFORE_QUARKUS = -3;

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        long limit = max.asLongValue();
        router.route().order(BEFORE_QUARKUS).handler(ctx -> BodyLength.check(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH), limit)
                // A length that is no number is left to Quarkus, as before; only "too large" is answered here.
                .filter(refusal -> refusal.kind() == Refusal.Kind.TOO_LARGE)
                .ifPresentOrElse(refusal -> ctx.response().setStatusCode(refusal.kind().status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"error\":\"" + refusal.code() + "\",\"message\":\"" + refusal.getMessage() + "\"}"),
                        ctx::next));
    }
}
