package dev.rendezvous.presence.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as {@code {"error","message"}}; never a stack trace. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return answer(status, status == 413 ? "too-large" : status == 415 ? "unsupported-media-type"
                : status == 404 ? "not-found" : status == 405 ? "method-not-allowed" : "http-" + status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("Request failed", e);
        return answer(500, "internal", "the request failed; see the service log");
    }

    private static Response answer(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
