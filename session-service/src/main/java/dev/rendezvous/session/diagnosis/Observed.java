package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.SessionEvent.Kind;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.Verdict;
import dev.rendezvous.session.repository.TimelineEntry;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One event from a session's timeline, read for diagnosis: what LiveKit or reconciliation reported,
 * and what the fold made of it. Typed, from the timeline's columns.
 *
 * @param kind what happened; null for a type this service no longer folds (a token row written before tokens had a table)
 * @param role the role the event claims; null when it claims none that can be read
 * @param reason LiveKit's disconnect reason, or why the session was ended
 * @param verdict what the fold made of it; null for rows written before verdicts were codes (see {@link #counted()})
 * @param receives a reception report's: what the role's page played of the other; null for other events
 * @param participantKind what LiveKit says the participant is: STANDARD (a person's page) unless it said otherwise
 */
public record Observed(String eventId, String type, Kind kind, Origin origin, String room, String identity, Role role,
                       String roleSource, String userId, String reason, List<String> problems, Instant occurredAt,
                       Instant receivedAt, String outcome, Verdict verdict, SessionSnapshot.Receives receives,
                       ParticipantKind participantKind) {

    public Observed {
        participantKind = participantKind == null ? ParticipantKind.STANDARD : participantKind;
    }

    /** An event about a person's page (or about no participant). */
    public Observed(String eventId, String type, Kind kind, Origin origin, String room, String identity, Role role,
                    String roleSource, String userId, String reason, List<String> problems, Instant occurredAt,
                    Instant receivedAt, String outcome, Verdict verdict, SessionSnapshot.Receives receives) {
        this(eventId, type, kind, origin, room, identity, role, roleSource, userId, reason, problems, occurredAt, receivedAt,
                outcome, verdict, receives, ParticipantKind.STANDARD);
    }

    public static Observed of(TimelineEntry entry) {
        Kind kind = kindOf(entry.type);
        Origin origin = entry.origin != null ? originOf(entry.origin) : originBeforeV8(entry, kind);
        return new Observed(entry.eventId, entry.type, kind, origin, entry.room, entry.identity,
                Role.fromWire(entry.role).orElse(null), entry.roleSource, entry.userId, entry.reason, entry.problemCodes(),
                entry.occurredAt, entry.receivedAt, entry.outcome, Verdict.ofCode(entry.outcome).orElse(null),
                entry.receivesVideo == null ? null : new SessionSnapshot.Receives(entry.receivesVideo,
                        Boolean.TRUE.equals(entry.receivesAudio)), ParticipantKind.fromWire(entry.participantKind));
    }

    /** The kind a timeline type names; the ends written under earlier rules (expiry, room gone) read as ends. */
    private static Kind kindOf(String type) {
        if ("rendezvous.session.expired".equals(type) || "rendezvous.room.gone".equals(type)) {
            return Kind.END_REQUESTED;
        }
        return Arrays.stream(Kind.values()).filter(k -> k.type().equals(type)).findFirst().orElse(null);
    }

    private static Origin originOf(String name) {
        return switch (name) {
            case "EXPIRY" -> Origin.DEADLINE;       // written before ends on time were deadlines
            case "TOKEN_SERVICE" -> Origin.WEBHOOK; // token rows, written before tokens had a table; not read as webhooks
            default -> Origin.valueOf(name);
        };
    }

    /** Rows written before the timeline was typed (V8) and not backfilled (ended sessions) have no origin column. */
    private static Origin originBeforeV8(TimelineEntry entry, Kind kind) {
        if (entry.eventId != null && entry.eventId.startsWith("reconcile:")) {
            return Origin.RECONCILIATION;
        }
        return kind == Kind.END_REQUESTED ? Origin.CALLER : Origin.WEBHOOK;
    }

    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    /**
     * LiveKit reported a participant (a join, a leave, a track): what carries an identity and role metadata.
     * A page's reception report names no participant, and its problems are about playing, not identity.
     */
    public boolean isAboutAParticipant() {
        return kind == Kind.JOINED || kind == Kind.LEFT || kind == Kind.CONNECTION_ABORTED || kind == Kind.TRACK_PUBLISHED
                || kind == Kind.TRACK_UNPUBLISHED;
    }

    /** About a person's page: not an agent, a recorder or another service LiveKit lets into the room. */
    public boolean isPerson() {
        return participantKind.isPerson();
    }

    public boolean isJoin() {
        return kind == Kind.JOINED;
    }

    /** A webhook LiveKit sent (a token row of the time before tokens had a table is none). */
    public boolean isWebhook() {
        return origin == Origin.WEBHOOK && kind != null;
    }

    public boolean isReconciliation() {
        return origin == Origin.RECONCILIATION;
    }

    /** Whether the fold did something with it (rows from before verdicts were codes say "ignored…" in prose). */
    public boolean counted() {
        return verdict != null ? verdict.counted() : outcome != null && !outcome.startsWith("ignored") && !outcome.startsWith("kept");
    }

    /** A participant turned away by the roster: no readable user id, or not the roster's user for its role. */
    public boolean uninvited() {
        return verdict != null && verdict.uninvited();
    }

    public Optional<Role> claimedRole() {
        return Optional.ofNullable(role);
    }
}
