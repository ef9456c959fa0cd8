package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.BodyLength;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
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
        return BodyLength.check(request.getHeaderString(HttpHeaders.CONTENT_LENGTH), limitOf(resource)).map(ErrorMappers::answer);
    }

    private static int limitOf(ResourceInfo resource) {
        BodyLimit limit = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(BodyLimit.class);
        return limit == null ? BodyLimit.DEFAULT : limit.value();
    }
}
