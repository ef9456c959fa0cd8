package dev.rendezvous.session.rest;

import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.session.messaging.DeadLetterReplay;
import dev.rendezvous.session.service.SessionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The operator's one command for set-aside records: send them back to be folded. */
@Path("/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations", description = "What an operator needs after an incident")
@SecurityRequirement(name = "jwt")
public class DeadLetterResource {

    static final int MAX_LIMIT = 100_000;

    /** What a replay did, per source topic. */
    public record Answer(List<DeadLetterReplay.Replayed> replayed) {
    }

    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @POST
    @Path("replay")
    @Blocking
    @RolesAllowed(SessionService.BACKEND_GROUP)
    @Operation(summary = "Send the records set aside on participant-events-dlq and token-events-dlq back to their topics",
            description = "From where the last replay stopped to the end; folding is idempotent, so a record replayed "
                    + "twice is folded once. `more` is true when records are left (call again).")
    @APIResponse(responseCode = "200", description = "how many records went back, per topic")
    @APIResponse(responseCode = "400", description = "limit outside 1-100000 (bad-limit)")
    @APIResponse(responseCode = "403", description = "the caller's JWT lacks the 'backend' group (not-a-backend)")
    public Answer replay(@Parameter(description = "most records per topic, 1-100000 (default 10000)")
                         @QueryParam("limit") Integer limit) {
        int max = limit == null ? 10_000 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw Refusal.invalid("bad-limit", "limit must be 1-" + MAX_LIMIT);
        }
        return new Answer(replay.replay(max));
    }
}
