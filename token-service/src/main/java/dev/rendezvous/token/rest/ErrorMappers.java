package dev.rendezvous.token.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rendezvous.kernel.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as {@code {"error","message"}}, counted as a denial by reason; never a stack trace. */
public class ErrorMappers {

    @Inject
    MeterRegistry registry;

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        Response.ResponseBuilder response = Response.status(e.kind().status());
        if (e.retryAfter() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return answer(response, e.code(), e.getMessage());
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(Exception e) {
        return answer(Response.status(401).header("WWW-Authenticate", "Bearer"), "unauthorized",
                "a valid bearer JWT is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Response.status(403), "forbidden", "you may not do this");
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return answer(Response.status(400), "unreadable-body", "the body is not the JSON this call expects");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return answer(Response.status(status), status == 404 ? "not-found" : status == 415 ? "unsupported-media-type"
                : status == 405 ? "method-not-allowed" : status == 400 ? "bad-request" : "http-" + status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("Request failed", e);
        return answer(Response.status(500), "internal", "the request failed; see the service log");
    }

    private Response answer(Response.ResponseBuilder response, String code, String message) {
        registry.counter("rendezvous.tokens.denied", "reason", code).increment();
        return response.type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
