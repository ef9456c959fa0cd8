package dev.rendezvous.session.reconcile;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.RoleReading;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.SessionEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A participant as LiveKit's RoomService lists it, with the tracks it publishes (by track sid). Its
 * role is read by the one rule webhooks are read by ({@link RoleReading}).
 */
public record ListedParticipant(Sid sid, Identity identity, String metadata, Map<String, String> attributes,
                                Instant joinedAt, Map<String, MediaSource> tracks, ParticipantKind kind) {

    public ListedParticipant {
        tracks = Map.copyOf(tracks);
        attributes = attributes == null ? Map.of() : attributes;
        kind = kind == null ? ParticipantKind.STANDARD : kind;
    }

    public ListedParticipant(Sid sid, Identity identity, String metadata, Map<String, String> attributes,
                             Instant joinedAt, Map<String, MediaSource> tracks) {
        this(sid, identity, metadata, attributes, joinedAt, tracks, ParticipantKind.STANDARD);
    }

    public ListedParticipant(Sid sid, Identity identity, String metadata, Map<String, String> attributes, Instant joinedAt) {
        this(sid, identity, metadata, attributes, joinedAt, Map.of());
    }

    public RoleReading reading() {
        return RoleReading.of(identity == null ? null : identity.value(), metadata, attributes);
    }

    /** The participant as an event in this room reports it, with the role it claims. */
    SessionEvent.Participant in(RoomName room) {
        RoleReading reading = reading();
        return new SessionEvent.Participant(room, sid, identity, reading.role(), reading.source(), reading.userId(),
                kind.isPerson() ? reading.problemCodes() : List.of(), kind);
    }
}
