package dev.rendezvous.session.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rendezvous.kernel.BearerRefusal;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.session.service.SessionService;
import dev.rendezvous.session.repository.DatabaseFailures;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/** Turns every failure into {@code {"error","message"}} with the right status; never a stack trace. */
public class ErrorMappers {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long clockSkewSeconds;

    @Inject
    SecurityIdentity identity;

    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        return answer(e);
    }

    /** A refusal as its kind's HTTP status and the {error, message} body, with when to retry if it says. */
    static Response answer(Refusal e) {
        Response.ResponseBuilder response = Response.status(e.kind().status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(e.code(), e.getMessage()));
        if (e.retryAfter() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.kind() == Refusal.Kind.UNAUTHORIZED) {
            response.header("WWW-Authenticate", BearerRefusal.of(e).challenge());
        }
        return response.build();
    }

    /** 401 with RFC 6750's challenge and the reason, logged too (never the token): an issuer mistake is found from outside. */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(Exception e, HttpHeaders headers, UriInfo uri) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        BearerRefusal why;
        if (e instanceof AuthenticationFailedException) {
            why = BearerRefusal.of(e, clockSkewSeconds);
        } else if (authorization == null && uri.getQueryParameters().containsKey("ticket")) {
            why = new BearerRefusal("invalid_token", "the view ticket is not this service's or is past its minute; "
                    + "ask for a new one: POST /v1/sessions/{id}/view-ticket");
        } else {
            why = BearerRefusal.missing(authorization);
        }
        Log.info(why.logLine(uri.getPath()));
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).header("WWW-Authenticate", why.challenge())
                .entity(new ErrorBody("unauthorized", why.description())).build();
    }

    /** Only {@code @RolesAllowed(backend)} throws this here: say which group is missing, and what the token has. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(403, "not-a-backend", "this call is for backends: the caller's JWT needs '" + SessionService.BACKEND_GROUP
                + "' in its groups claim (this one has " + (identity.getRoles().isEmpty() ? "none" : identity.getRoles()) + ")");
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return answer(400, "unreadable-body", "the body is not JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        if (status == 415) {
            return unsupportedMediaType();
        }
        return answer(status, status == 404 ? "not-found" : status == 405 ? "method-not-allowed"
                : status == 400 ? "bad-request" : "http-" + status, e.getMessage());
    }

    static Response unsupportedMediaType() {
        return answer(415, "unsupported-media-type", "send the body as JSON with 'Content-Type: application/json'");
    }

    /** Anything else: a database that is briefly gone is 503 (retry), the rest is ours (500, logged). */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof IOException && "Request too large".equals(e.getMessage())) {
            // A body sent without a length, cut off by quarkus.http.limits.max-body-size while it was read.
            return answer(Refusal.tooLarge(maxBodySize.asLongValue()));
        }
        if (DatabaseFailures.unavailable(e)) {
            Log.warnf("Request refused with 503, the database is unavailable: %s", e.getMessage());
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(new ErrorBody("unavailable", "the session store is unavailable; retry shortly")).build();
        }
        Log.error("Request failed", e);
        return answer(500, "internal", "the request failed; see the service log");
    }

    private static Response answer(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
