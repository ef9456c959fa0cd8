package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.TimelineEntry;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.PresenceEvent.Kind;
import dev.rendezvous.session.fold.PresenceEvent.Origin;
import dev.rendezvous.session.fold.Role;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event from a session's timeline, read for diagnosis: what LiveKit, token-service or
 * reconciliation reported, and what the fold made of it. Typed, from the timeline's columns.
 *
 * @param kind what happened; null for a type this service does not fold
 * @param role the role the event claims; null when it claims none that can be read
 * @param reason LiveKit's disconnect reason, or why the session was ended
 */
public record Observed(String eventId, String type, Kind kind, Origin origin, String room, String identity, Role role,
                       String roleSource, String userId, String reason, List<String> problems, Instant occurredAt,
                       Instant receivedAt, Instant expiresAt, String outcome) {

    public static Observed of(TimelineEntry entry) {
        Kind kind = PresenceEvent.kindOf(entry.type).orElse(null);
        Origin origin = entry.origin != null ? Origin.valueOf(entry.origin) : originBeforeV8(entry, kind);
        return new Observed(entry.eventId, entry.type, kind, origin, entry.room, entry.identity,
                Role.fromWire(entry.role).orElse(null), entry.roleSource, entry.userId, entry.reason, entry.problemCodes(),
                entry.occurredAt, entry.receivedAt, entry.tokenExpiresAt, entry.outcome);
    }

    /** Rows written before the timeline was typed (V8) and not backfilled (ended sessions) have no origin column. */
    private static Origin originBeforeV8(TimelineEntry entry, Kind kind) {
        if (entry.eventId != null && entry.eventId.startsWith("reconcile:")) {
            return Origin.RECONCILIATION;
        }
        if (kind == null) {
            return Origin.WEBHOOK;
        }
        return switch (kind) {
            case TOKEN_ISSUED -> Origin.TOKEN_SERVICE;
            case ENDED -> Origin.CALLER;
            case EXPIRED -> Origin.EXPIRY;
            default -> Origin.WEBHOOK;
        };
    }

    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    public boolean isJoin() {
        return kind == Kind.JOINED;
    }

    public boolean isToken() {
        return kind == Kind.TOKEN_ISSUED;
    }

    public boolean isWebhook() {
        return origin == Origin.WEBHOOK;
    }

    public boolean isReconciliation() {
        return origin == Origin.RECONCILIATION;
    }

    /** Whether the fold did something with it (an event it ignored says so in its outcome). */
    public boolean counted() {
        return outcome != null && !outcome.startsWith("ignored");
    }

    public Optional<Instant> tokenExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }
}
