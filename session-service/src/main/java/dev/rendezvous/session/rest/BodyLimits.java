package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Bounds every body before it is read or parsed, for the method that handles the call (not by path): a
 * declared length over the method's {@link BodyLimit} (or {@link BodyLimit#DEFAULT}) is a 413 at once, so
 * a stranger's megabytes never reach a parser, a roster lookup or the heap. A body without a declared
 * length (chunked) is bounded as it is read by {@code quarkus.http.limits.max-body-size}.
 */
public class BodyLimits {

    @ServerRequestFilter
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request, ResourceInfo resource) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        int limit = limitOf(resource);
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody("bad-content-length", "Content-Length must be a number of bytes")).build());
        }
        if (length <= limit) {
            return Optional.empty();
        }
        return Optional.of(tooLarge(limit));
    }

    static int limitOf(ResourceInfo resource) {
        BodyLimit limit = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(BodyLimit.class);
        return limit == null ? BodyLimit.DEFAULT : limit.value();
    }

    static Response tooLarge(int limit) {
        return ErrorMappers.answer(Refusal.tooLarge(limit));
    }
}
