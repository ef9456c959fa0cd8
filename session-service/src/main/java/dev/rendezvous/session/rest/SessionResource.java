package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.BodyLength;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.diagnosis.DiagnosisReport;
import dev.rendezvous.session.diagnosis.DiagnosisService;
import dev.rendezvous.session.fold.Member;
import dev.rendezvous.session.reconcile.Reconciler;
import dev.rendezvous.session.service.ReceptionReports;
import dev.rendezvous.session.service.SessionService;
import dev.rendezvous.session.service.SessionStream;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "sessions", description = "A customer's and a mechanic's video session: its roster, state, stream and diagnosis")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A user JWT (sub = user id) or a backend JWT (groups has backend), verified with MP_JWT_VERIFY_*")
@SecurityScheme(securitySchemeName = "view-ticket", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY,
        apiKeyName = "ticket", description = "A view ticket (POST /v1/sessions/{id}/view-ticket) as ?ticket=: what a browser "
        + "puts in a URL instead of a JWT, for one session's snapshot, stream, diagnosis and support view only, to be "
        + "opened within a minute; anywhere else it is refused with 401, for another session with 403. A JWT is never "
        + "taken from a URL.")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "no JWT, or one that is forged, expired or from another issuer (unauthorized)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "500", description = "an unexpected failure; the service log has it (internal)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "503", description = "PostgreSQL is unavailable (unavailable); retry after the Retry-After seconds",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
public class SessionResource {

    /** A session as creation answers it: version 1, nobody there yet (a snapshot as the service writes it). */
    static final String CREATED_EXAMPLE = """
            {"sessionId": "3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60", "status": "WAITING", "version": 1,
             "customer": {"userId": "customer-42", "present": false, "identity": null, "since": null,
                          "media": {"camera": false, "microphone": false}, "receives": {"video": false, "audio": false}},
             "mechanic": {"userId": "mechanic-7", "present": false, "identity": null, "since": null,
                          "media": {"camera": false, "microphone": false}, "receives": {"video": false, "audio": false}},
             "mediaReady": false, "seenAndHeard": false, "waiting": null,
             "readyAt": null, "endedAt": null, "endReason": null,
             "members": [{"role": "customer", "userId": "customer-42", "present": false, "identity": null, "since": null,
                          "media": {"camera": false, "microphone": false}, "receives": {"video": false, "audio": false}},
                         {"role": "mechanic", "userId": "mechanic-7", "present": false, "identity": null, "since": null,
                          "media": {"camera": false, "microphone": false}, "receives": {"video": false, "audio": false}}],
             "others": [], "recording": false}""";

    /** A later snapshot: the customer joined and waits for the mechanic. */
    static final String EXAMPLE = """
            {"sessionId": "3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60", "status": "WAITING", "version": 2,
             "customer": {"userId": "customer-42", "present": true, "identity": "customer-customer-42", "since": "2026-11-27T08:10:52Z",
                          "media": {"camera": true, "microphone": true}, "receives": {"video": false, "audio": false}},
             "mechanic": {"userId": "mechanic-7", "present": false, "identity": null, "since": null,
                          "media": {"camera": false, "microphone": false}, "receives": {"video": false, "audio": false}},
             "mediaReady": false, "seenAndHeard": false, "waiting": {"for": "mechanic", "since": "2026-11-27T08:10:52Z", "overdue": false},
             "readyAt": null, "endedAt": null, "endReason": null,
             "members": [{"role": "customer", "userId": "customer-42", "present": true, "identity": "customer-customer-42",
                          "since": "2026-11-27T08:10:52Z", "media": {"camera": true, "microphone": true},
                          "receives": {"video": false, "audio": false}},
                         {"role": "mechanic", "userId": "mechanic-7", "present": false, "identity": null, "since": null,
                          "media": {"camera": false, "microphone": false}, "receives": {"video": false, "audio": false}}],
             "others": [{"kind": "AGENT", "identity": "agent-AJ_fault_codes", "since": "2026-11-27T08:11:02Z"}], "recording": false}""";

    /** How soon a browser reconnects a dropped stream (the SSE {@code retry:} field). */
    private static final long RETRY_MILLIS = 2000;

    private final SessionService service;
    private final SessionStream stream;
    private final DiagnosisService diagnosis;
    private final Reconciler reconciler;
    private final ReceptionReports receptions;
    private final JsonWebToken caller;
    private final ViewTickets tickets;

    public SessionResource(SessionService service, SessionStream stream, DiagnosisService diagnosis,
                           Reconciler reconciler, ReceptionReports receptions, JsonWebToken caller, ViewTickets tickets) {
        this.tickets = tickets;
        this.service = service;
        this.receptions = receptions;
        this.stream = stream;
        this.diagnosis = diagnosis;
        this.reconciler = reconciler;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SessionService.BACKEND_GROUP)
    @Operation(summary = "Create a session for a customer and a mechanic (backends only); with an Idempotency-Key, "
            + "a retry returns the session the first call created (200), the same key with another roster is 409")
    @APIResponse(responseCode = "201", description = "created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionSnapshot.class),
                    examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "a retry with the same Idempotency-Key: the session the first call created, as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionSnapshot.class),
                    examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "a body that is not {customerId, mechanicId} or {members}: missing-body, "
            + "unreadable-body (not JSON, or not an object), unknown-field (named), missing-field (named), bad-user-id (a user id "
            + "that cannot form a LiveKit identity), one-user-one-role (the same user twice), bad-members (not one customer and "
            + "one mechanic, or more than 10 supervisors), role-not-supported (a role that is none of customer, mechanic, "
            + "supervisor); an unreadable Idempotency-Key (bad-idempotency-key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller's JWT lacks the 'backend' group (not-a-backend)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the Idempotency-Key was used for another roster (idempotency-conflict)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "a body over 4 KB (body-too-large)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "415", description = "the body is not sent as application/json (unsupported-media-type)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateSessionRequest.class),
            examples = @ExampleObject(name = "roster", value = "{\"customerId\": \"customer-42\", \"mechanicId\": \"mechanic-7\"}")))
    public Uni<Response> create(String body, @Context UriInfo uri,
                                @Parameter(description = "the caller's key for this creation, 1-200 visible ASCII characters; "
                                        + "scoped to the calling backend") @HeaderParam("Idempotency-Key") String idempotencyKey) {
        List<Member> roster = CreateSessionRequest.read(body).roster();
        if (idempotencyKey == null) {
            return service.create(roster).map(view -> answer(Response.status(201), view, uri));
        }
        String key = RequestIds.idempotencyKey(idempotencyKey);
        return service.create(roster, caller.getSubject(), key)
                .map(creation -> answer(Response.status(creation.created() ? 201 : 200), creation.view(), uri));
    }

    private static Response answer(Response.ResponseBuilder status, SessionSnapshot view, UriInfo uri) {
        return status.location(uri.getAbsolutePathBuilder().path(view.sessionId().toString()).build()).entity(view).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The session snapshot")
    @APIResponse(responseCode = "200", description = "the snapshot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionSnapshot.class),
                    examples = @ExampleObject(name = "waiting", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @AcceptsViewTicket
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "view-ticket")
    public Uni<SessionSnapshot> get(@PathParam("id") String id) {
        return service.view(RequestIds.sessionId(id), caller);
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End the session for both people; the LiveKit room is removed")
    @APIResponse(responseCode = "200", description = "the ENDED snapshot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionSnapshot.class),
                    examples = @ExampleObject(name = "waiting", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster), or "
            + "a supervisor: they look in, the customer, the mechanic or a backend ends it (observer-only)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "already ended (session-ended)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SessionSnapshot> end(@PathParam("id") String id) {
        return service.end(RequestIds.sessionId(id), caller);
    }

    @PUT
    @Path("{id}/reception")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the caller's page plays of the other role (the browser module reports it on change)",
            description = "video: the other's camera renders (frames decode); audio: the other's microphone plays; problem: "
                    + "why not, when the page knows. The snapshot's receives and seenAndHeard follow (while both are present).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReceptionRequest.class),
            examples = @ExampleObject(name = "sound blocked", value = "{\"video\": true, \"audio\": false, \"problem\": \"autoplay-blocked\"}")))
    @APIResponse(responseCode = "200", description = "the snapshot the report leaves",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionSnapshot.class)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id); a body with another field, type or "
            + "problem code (bad-reception, unreadable-body)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is not on the roster (not-on-roster), or a supervisor, whose "
            + "page reports nothing (observer-only)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the session has ended (session-ended)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "a body over 512 bytes (body-too-large)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "415", description = "the body is not sent as application/json (unsupported-media-type)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "too many reports by the caller for this session (too-many-reports); "
            + "Retry-After says when to send again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @BodyLimit(ReceptionRequest.MAX_BYTES)
    public Uni<SessionSnapshot> reception(@PathParam("id") String id, String body) {
        UUID sessionId = RequestIds.sessionId(id);
        // Sent without a length (chunked), the body was bounded while read; it is refused before it is parsed.
        return receptions.report(sessionId, caller.getSubject(), ReceptionRequest.read(BodyLength.within(body, ReceptionRequest.MAX_BYTES)));
    }

    @GET
    @Path("{id}/diagnosis")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Why the session is (not) READY: every check, with evidence, and one sentence")
    @APIResponse(responseCode = "200", description = "every check with its evidence, and a summary sentence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiagnosisReport.class)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "too many diagnoses asked for by the caller (too-many-diagnoses); "
            + "Retry-After says when to ask again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @AcceptsViewTicket
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "view-ticket")
    public Uni<DiagnosisReport> diagnosis(@PathParam("id") String id) {
        return service.findAllowed(RequestIds.sessionId(id), caller)
                .chain(session -> diagnosis.diagnose(session, caller.getSubject(), SessionService.isBackend(caller)));
    }

    @GET
    @Path("{id}/diagnosis")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The diagnosis as a checklist for support staff")
    @AcceptsViewTicket
    public Uni<String> diagnosisText(@PathParam("id") String id) {
        return diagnosis(id).map(DiagnosisReport::toText);
    }

    @GET
    @Path("{id}/diagnosis")
    @Produces(MediaType.TEXT_HTML)
    @AcceptsViewTicket
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "view-ticket")
    @Operation(summary = "The support view: both roles side by side on one time axis and the checklist, live",
            description = "A page for support staff to open in a browser instead of reading two consoles: it shows the "
                    + "diagnosis (Accept: application/json) and follows the stream. Open it with ?ticket=<a view ticket> of a "
                    + "backend or a roster member (POST …/view-ticket); the page renews it for what it reads.")
    @APIResponse(responseCode = "200", description = "the page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> supportView(@PathParam("id") String id) {
        return service.findAllowed(RequestIds.sessionId(id), caller).map(session -> Response.ok(SupportView.page(session.id))
                // The token is in this page's address: it must not travel on in a Referer, nor stay in a cache.
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .header("Content-Security-Policy", SupportView.CONTENT_SECURITY_POLICY).build());
    }

    @POST
    @Path("{id}/view-ticket")
    @AcceptsViewTicket
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "view-ticket")
    @Operation(summary = "A view ticket: what a browser puts in a URL (?ticket=) instead of a JWT",
            description = "Good for this session only, read-only (snapshot, stream, diagnosis, support view), to be opened "
                    + "within a minute; what it opened closes when the caller's JWT would expire. A ticket may be exchanged "
                    + "for a fresh one (a page that stays open), never beyond that JWT's expiry.")
    @APIResponse(responseCode = "201", description = "the ticket and until when it may be opened",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ViewTicketAnswer.class)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster), or the "
            + "ticket is for another session (ticket-for-another-session)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> viewTicket(@PathParam("id") String id) {
        return service.findAllowed(RequestIds.sessionId(id), caller).map(session -> {
            Instant now = Instant.now();
            // A ticket exchanged for a fresh one keeps the first one's end: a page that stays open never outlives the JWT.
            Instant closeAt = caller.getRawToken() == null ? Instant.ofEpochSecond(caller.getExpirationTime()) : stream.closeAt(caller);
            String ticket = tickets.issue(session.id, caller.getSubject(), SessionService.isBackend(caller), now, closeAt);
            return Response.status(201).header("Cache-Control", "no-store")
                    .entity(new ViewTicketAnswer(ticket, now.plus(ViewTickets.TO_OPEN))).build();
        });
    }

    /** A view ticket and until when it may be opened. */
    public record ViewTicketAnswer(String ticket, Instant expiresAt) {
    }

    @POST
    @Path("{id}/reconcile")
    @Operation(summary = "Compare the session with LiveKit's participant list now and correct what webhooks missed")
    @APIResponse(responseCode = "200", description = "reconciled (with the corrections made) or skipped (with why: LiveKit could not be asked)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reconciler.Outcome.class)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Reconciler.Outcome> reconcile(@PathParam("id") String id) {
        boolean internals = SessionService.isBackend(caller);
        return service.findAllowed(RequestIds.sessionId(id), caller).chain(reconciler::reconcile)
                .map(outcome -> internals ? outcome : outcome.withoutInternals());
    }

    @GET
    @Path("{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: the snapshot, then every change; ends after ENDED",
            description = "Each event: `id:` the version, `retry:` 2000 ms, `data:` the snapshot (JSON, the SessionSnapshot "
                    + "schema); with ?events=named also `event:` waiting, ready or ended. "
                    + "Idle streams get a `: heartbeat` comment every SSE_HEARTBEAT_INTERVAL. Resume with `Last-Event-ID`: "
                    + "the versions missed are sent (or, after a gap longer than the buffer, the current snapshot). "
                    + "Authenticate with the Authorization header, or, from a browser's EventSource, with ?ticket= "
                    + "(a view ticket: never a JWT in the URL).")
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "view-ticket")
    @APIResponse(responseCode = "200", description = "the event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = SessionSnapshot.class)))
    @APIResponse(responseCode = "400", description = "the id is not a UUID (bad-session-id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the caller is neither on the roster nor a backend (not-on-roster)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such session (not-found)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @AcceptsViewTicket
    @StreamAccess
    public Multi<OutboundSseEvent> stream(@PathParam("id") String id, @Context Sse sse,
                                          @Parameter(description = "resume after this version")
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Parameter(description = "named: each event is named for the status the session is "
                                                  + "in after the change (waiting, ready, ended), for EventSource.addEventListener; "
                                                  + "without it events are unnamed, for EventSource.onmessage")
                                          @QueryParam("events") String events) {
        UUID sessionId = RequestIds.sessionId(id);
        Long resumeAfter = parseVersion(lastEventId);
        boolean named = namedEvents(events);
        // Access was decided by StreamAccessCheck, bound to this method, before the response started.
        return stream.open(sessionId, resumeAfter, stream.closeAt(caller), caller.getSubject()).map(item -> event(sse, item, named));
    }

    private static OutboundSseEvent event(Sse sse, SessionStream.Item item, boolean named) {
        if (item.isHeartbeat()) {
            return sse.newEventBuilder().comment("heartbeat").build();
        }
        OutboundSseEvent.Builder event = sse.newEventBuilder().id(Long.toString(item.view().version()))
                .reconnectDelay(RETRY_MILLIS).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(SessionSnapshot.class, item.view());
        return (named ? event.name(item.view().status().name().toLowerCase(Locale.ROOT)) : event).build();
    }

    private static boolean namedEvents(String events) {
        if (events == null || events.isBlank()) {
            return false;
        }
        if (!events.equals("named")) {
            throw Refusal.invalid("bad-events", "events must be 'named' or left out");
        }
        return true;
    }

    private static Long parseVersion(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw Refusal.invalid("bad-last-event-id", "Last-Event-ID must be a version number");
        }
    }
}
