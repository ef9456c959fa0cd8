package dev.rendezvous.token.rest;

import dev.rendezvous.kernel.BodyLength;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bounds every body before it is read or parsed: a token request is a few hundred bytes, so a declared
 * length over {@link #MAX_BYTES} is a 413 at once, before the roster, the rate limit or a parser sees it.
 * A body without a declared length (chunked) is cut off while read at {@code quarkus.http.limits.max-body-size}
 * and checked by {@link #check(String)} before it is parsed.
 */
public class BodyLimits {

    static final int MAX_BYTES = 4096;

    @ServerRequestFilter
    public void refuseOversizedBodies(ContainerRequestContext request) {
        BodyLength.check(request.getHeaderString(HttpHeaders.CONTENT_LENGTH), MAX_BYTES).ifPresent(refusal -> {
            throw refusal;
        });
    }

    /** A body read without a declared length, refused before parsing when it is too long. */
    static String check(String body) {
        return BodyLength.within(body, MAX_BYTES);
    }
}
