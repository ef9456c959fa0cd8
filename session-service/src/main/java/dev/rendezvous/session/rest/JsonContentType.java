package dev.rendezvous.session.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * A body sent to a call that takes JSON without saying it is JSON is a 415 that names the content type,
 * as a body of another type is: a client that forgets the header learns it on its first call, rather
 * than from a proxy or a framework that reads the body as something else.
 */
public class JsonContentType {

    @ServerRequestFilter
    public Optional<Response> requireJsonContentType(ContainerRequestContext request, ResourceInfo resource) {
        Consumes consumes = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null || !takesJson(consumes) || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null || !hasBody(request)) {
            return Optional.empty();
        }
        return Optional.of(ErrorMappers.unsupportedMediaType());
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.trim().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
    }

    static boolean takesJson(Consumes consumes) {
        for (String type : consumes.value()) {
            if (type.startsWith(MediaType.APPLICATION_JSON)) {
                return true;
            }
        }
        return false;
    }
}
