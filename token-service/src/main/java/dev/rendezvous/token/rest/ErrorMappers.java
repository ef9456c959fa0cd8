package dev.rendezvous.token.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rendezvous.kernel.BearerRefusal;
import dev.rendezvous.kernel.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as {@code {"error","message"}}, counted as a denial by reason; never a stack trace. */
public class ErrorMappers {

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long clockSkewSeconds;

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        Response.ResponseBuilder response = Response.status(e.kind().status());
        if (e.retryAfter() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.kind() == Refusal.Kind.UNAUTHORIZED) {
            response.header("WWW-Authenticate", BearerRefusal.of(e).challenge());
        }
        return answer(response, e.code(), e.getMessage());
    }

    /** 401 with RFC 6750's challenge and the reason, logged too (never the token). */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(Exception e, HttpHeaders headers, UriInfo uri) {
        BearerRefusal why = e instanceof AuthenticationFailedException ? BearerRefusal.of(e, clockSkewSeconds)
                : BearerRefusal.missing(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        Log.info(why.logLine(uri.getPath()));
        return answer(Response.status(401).header("WWW-Authenticate", why.challenge()), "unauthorized", why.description());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Response.status(403), "forbidden", "the caller's JWT does not allow this call");
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return answer(Response.status(400), "unreadable-body", "the body is not JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 415) {
            return answer(Response.status(415), "unsupported-media-type", "send the body as JSON with 'Content-Type: application/json'");
        }
        return answer(Response.status(status), status == 404 ? "not-found" : status == 405 ? "method-not-allowed"
                : status == 400 ? "bad-request" : "http-" + status, e.getMessage());
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
