package dev.rendezvous.session.fold;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One thing that happened to a session, typed: a LiveKit participant or room event, a token
 * issued, a reconciliation correction, an explicit end or an expiry. The fold reads what changes
 * state; the timeline keeps every field, so diagnosis reads typed facts, never a payload.
 *
 * @param origin who reported it
 * @param role the role the event claims, or null when it could not be read
 * @param roleSource where the role was read: {@code metadata}, {@code attributes}, {@code identity}
 *                   or {@code none} (ARCHITECTURE.md, participant-events); null where no role is claimed
 * @param userId the user the event names; for an explicit end, the caller who asked for it
 * @param problems the codes of what was wrong with the participant's identity, role or room
 * @param reason LiveKit's disconnect reason, or why the session was ended
 * @param trackSid the track of a track event, else null
 * @param source what that track carries; null when LiveKit did not say
 * @param tokenExpiresAt when the token of a {@link Kind#TOKEN_ISSUED} expires, else null
 */
public record PresenceEvent(String eventId, Kind kind, Origin origin, String room, String participantSid, String identity,
                            Role role, String roleSource, String userId, List<String> problems, String reason,
                            Instant occurredAt, String trackSid, MediaSource source, Instant tokenExpiresAt) {

    public PresenceEvent {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A webhook's event as the fold needs it, without the facts only diagnosis reads. */
    public PresenceEvent(String eventId, Kind kind, String room, String participantSid, String identity,
                         Role role, String userId, String reason, Instant occurredAt) {
        this(eventId, kind, room, participantSid, identity, role, userId, reason, occurredAt, null, null);
    }

    /** A webhook's event as the fold needs it, without the facts only diagnosis reads. */
    public PresenceEvent(String eventId, Kind kind, String room, String participantSid, String identity,
                         Role role, String userId, String reason, Instant occurredAt, String trackSid, MediaSource source) {
        this(eventId, kind, Origin.WEBHOOK, room, participantSid, identity, role, null, userId, List.of(), reason,
                occurredAt, trackSid, source, null);
    }

    /** Who reported an event. */
    public enum Origin { WEBHOOK, TOKEN_SERVICE, RECONCILIATION, CALLER, EXPIRY }

    /** What happened, with the CloudEvents type the service that reports it names it by. */
    public enum Kind {
        JOINED("rendezvous.participant.joined"),
        LEFT("rendezvous.participant.left"),
        CONNECTION_ABORTED("rendezvous.participant.connection-aborted"),
        ROOM_STARTED("rendezvous.room.started"),
        ROOM_FINISHED("rendezvous.room.finished"),
        TRACK_PUBLISHED("rendezvous.track.published"),
        TRACK_UNPUBLISHED("rendezvous.track.unpublished"),
        TOKEN_ISSUED("rendezvous.token.issued"),
        ENDED("rendezvous.session.end-requested"),
        EXPIRED("rendezvous.session.expired");

        private static final Map<String, Kind> BY_TYPE = Stream.of(values())
                .collect(Collectors.toMap(k -> k.type, Function.identity()));

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        public static Optional<Kind> ofType(String type) {
            return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
        }
    }

    /** The type of a session ended by reconciliation because LiveKit no longer has its room. */
    private static final String ROOM_GONE_TYPE = "rendezvous.room.gone";

    /**
     * The event's type on the timeline: the type of the record it came from, and for the events this
     * service makes itself, a type of the same family ({@code rendezvous.room.gone} when
     * reconciliation ends a session whose room LiveKit no longer has).
     */
    public String type() {
        return kind == Kind.ENDED && origin == Origin.RECONCILIATION ? ROOM_GONE_TYPE : kind.type;
    }

    /** The kind of a timeline type, the other way round from {@link #type()}; empty for a type this service does not fold. */
    public static Optional<Kind> kindOf(String type) {
        return ROOM_GONE_TYPE.equals(type) ? Optional.of(Kind.ENDED) : Kind.ofType(type);
    }

    public static PresenceEvent tokenIssued(String eventId, String room, String identity, Role role, String userId,
                                            Instant issuedAt, Instant expiresAt) {
        return new PresenceEvent(eventId, Kind.TOKEN_ISSUED, Origin.TOKEN_SERVICE, room, null, identity, role, null, userId,
                List.of(), null, issuedAt, null, null, expiresAt);
    }

    /** An explicit end asked for by a caller (their subject as the user). */
    public static PresenceEvent ended(String eventId, String reason, String caller, Instant at) {
        return new PresenceEvent(eventId, Kind.ENDED, Origin.CALLER, null, null, null, null, null, caller, List.of(), reason,
                at, null, null, null);
    }

    /** Reconciliation's end of a session whose room LiveKit no longer lists anybody in. */
    public static PresenceEvent roomGone(String eventId, String reason, Instant at) {
        return new PresenceEvent(eventId, Kind.ENDED, Origin.RECONCILIATION, null, null, null, null, null, null, List.of(),
                reason, at, null, null, null);
    }

    public static PresenceEvent expired(String eventId, Instant at) {
        return new PresenceEvent(eventId, Kind.EXPIRED, Origin.EXPIRY, null, null, null, null, null, null, List.of(), "expired",
                at, null, null, null);
    }
}
