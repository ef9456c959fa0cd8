package dev.rendezvous.session.fold;

import dev.rendezvous.session.SessionStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where session state changes: state + event -> state. No framework, no I/O.
 *
 * <p>Rules (ARCHITECTURE.md, "Session state"):
 * <ul>
 *   <li>A role is present while at least one of its participant sids is active.</li>
 *   <li>A sid becomes active on its join and inactive on its leave or aborted connection; a sid that
 *       has left never becomes active again. So a leave delivered before its join and a doubled
 *       delivery both end right.</li>
 *   <li>A second tab makes LiveKit kick the older sid as DUPLICATE_IDENTITY; that leave may arrive
 *       before the newer sid's join, so the kicked identity stays present until its replacement shows
 *       up: READY holds through a second tab, until reconciliation finds that identity gone from the room.</li>
 *   <li>Only events from the session's own room ({@code session-<id>}) by a roster member in a known
 *       role count; anything else is kept for diagnosis but changes nothing.</li>
 *   <li>Both roles present: READY; otherwise WAITING. The room finishing, an explicit end, or an
 *       expiry of a session nobody ever joined: ENDED, which is terminal.</li>
 *   <li>A sid's tracks follow its track events under the same rules: a track is published until its
 *       unpublish and never again after; a track event of a sid not yet joined waits for the join, one
 *       of a sid that left changes nothing. A role publishes what its active sids publish;
 *       mediaReady is READY with each role publishing the required sources.</li>
 *   <li>The version goes up by one whenever the snapshot changes, and only then.</li>
 * </ul>
 */
public final class SessionFold {

    public static final String DUPLICATE_IDENTITY = "DUPLICATE_IDENTITY";
    /** The leave reason of a reconciliation: LiveKit's participant list does not have the sid (or its identity). */
    public static final String NOT_IN_ROOM = "RECONCILED_NOT_IN_ROOM";
    /** What a role must publish for mediaReady unless configured otherwise. */
    public static final Set<MediaSource> CAMERA_AND_MICROPHONE = Set.of(MediaSource.CAMERA, MediaSource.MICROPHONE);

    private final Set<MediaSource> required;

    public SessionFold() {
        this(CAMERA_AND_MICROPHONE);
    }

    /** @param required the sources each role must publish for mediaReady (empty: presence is enough) */
    public SessionFold(Set<MediaSource> required) {
        this.required = Set.copyOf(required);
    }

    public FoldResult apply(SessionState state, PresenceEvent event) {
        if (state.status() == SessionStatus.ENDED) {
            return unchanged(state, "ignored: the session has already ended");
        }
        return switch (event.kind()) {
            case JOINED, LEFT, CONNECTION_ABORTED -> applyPresence(state, event);
            case ROOM_FINISHED -> isOwnRoom(state, event)
                    ? end(state, "room-finished", event.occurredAt())
                    : unchanged(state, "ignored: room " + event.room() + " is not " + state.roomName());
            case ENDED -> end(state, event.reason() == null ? "ended" : event.reason(), event.occurredAt());
            case EXPIRED -> state.sids().values().stream().allMatch(ParticipantSid::isPending)
                    ? end(state, "expired", event.occurredAt())
                    : unchanged(state, "ignored: the session was joined, so it does not expire");
            case TRACK_PUBLISHED, TRACK_UNPUBLISHED -> applyTrack(state, event);
            case ROOM_STARTED, TOKEN_ISSUED -> unchanged(state, "recorded");
        };
    }

    private FoldResult applyPresence(SessionState state, PresenceEvent event) {
        Optional<String> rejection = whyNotCounted(state, event);
        if (rejection.isPresent()) {
            return unchanged(state, "ignored: " + rejection.get());
        }
        ParticipantSid known = state.sids().get(event.participantSid());
        boolean joining = event.kind() == PresenceEvent.Kind.JOINED;
        ParticipantSid updated;
        if (joining) {
            if (known != null && !known.isPending()) {
                return unchanged(state, known.active() ? "ignored: sid already active" : "ignored: sid has already left");
            }
            updated = known != null ? known.join(event.occurredAt()) : new ParticipantSid(event.participantSid(), event.role(),
                    event.identity(), event.userId(), true, event.occurredAt(), null, null);
        } else if (known == null) {
            // The leave overtook its join: remember the sid as gone so the late join cannot revive it.
            updated = new ParticipantSid(event.participantSid(), event.role(), event.identity(), event.userId(),
                    false, null, event.occurredAt(), leaveReason(event));
        } else if (!known.hasLeft()) {
            updated = known.leave(event.occurredAt(), leaveReason(event));
        } else if (DUPLICATE_IDENTITY.equals(known.leftReason()) && NOT_IN_ROOM.equals(event.reason())) {
            // Reconciliation found the kicked identity gone from the room: its replacement is not coming.
            updated = known.leave(known.leftAt(), NOT_IN_ROOM);
        } else {
            return unchanged(state, "ignored: sid has already left");
        }
        Map<String, ParticipantSid> sids = new HashMap<>(state.sids());
        sids.put(updated.sid(), updated);
        return settle(state, sids, event.occurredAt());
    }

    private FoldResult applyTrack(SessionState state, PresenceEvent event) {
        Optional<String> rejection = whyNotCounted(state, event);
        if (rejection.isPresent()) {
            return unchanged(state, "ignored: " + rejection.get());
        }
        if (event.trackSid() == null || event.source() == null) {
            return unchanged(state, "recorded: no track or no known source");
        }
        ParticipantSid known = state.sids().get(event.participantSid());
        if (known != null && known.hasLeft()) {
            return unchanged(state, "ignored: sid has already left");
        }
        Track track = known == null ? null : known.tracks().get(event.trackSid());
        boolean publishing = event.kind() == PresenceEvent.Kind.TRACK_PUBLISHED;
        if (track != null && (!track.published() || publishing)) {
            return unchanged(state, track.published() ? "ignored: track already published" : "ignored: track already unpublished");
        }
        // A track of a sid whose join has not arrived yet waits on a pending sid for that join.
        ParticipantSid sid = known != null ? known : new ParticipantSid(event.participantSid(), event.role(), event.identity(),
                event.userId(), false, null, null, null);
        Map<String, ParticipantSid> sids = new HashMap<>(state.sids());
        sids.put(sid.sid(), sid.withTrack(event.trackSid(), new Track(event.source(), publishing)));
        return settle(state, sids, event.occurredAt());
    }

    private static Optional<String> whyNotCounted(SessionState state, PresenceEvent event) {
        if (!isOwnRoom(state, event)) {
            return Optional.of("room " + event.room() + " is not " + state.roomName());
        }
        if (event.participantSid() == null || event.participantSid().isBlank()) {
            return Optional.of("no participant sid");
        }
        if (event.role() == null) {
            return Optional.of("role of " + event.identity() + " is unknown");
        }
        String rosterUser = state.userIdOf(event.role());
        if (event.userId() != null && !event.userId().equals(rosterUser)) {
            return Optional.of(event.identity() + " is not the " + event.role().wire() + " on the roster (" + rosterUser + ")");
        }
        return Optional.empty();
    }

    private static boolean isOwnRoom(SessionState state, PresenceEvent event) {
        return state.roomName().equals(event.room());
    }

    private static String leaveReason(PresenceEvent event) {
        if (event.reason() != null && !event.reason().isBlank()) {
            return event.reason();
        }
        return event.kind() == PresenceEvent.Kind.CONNECTION_ABORTED ? "connection-aborted" : "left";
    }

    /** Derives presence, media and status from the sids and bumps the version if the snapshot changed. */
    private FoldResult settle(SessionState state, Map<String, ParticipantSid> sids, Instant at) {
        RolePresence customer = presence(state.customer(), sids, Role.CUSTOMER, at);
        RolePresence mechanic = presence(state.mechanic(), sids, Role.MECHANIC, at);
        boolean ready = customer.present() && mechanic.present();
        SessionStatus status = ready ? SessionStatus.READY : SessionStatus.WAITING;
        Instant readyAt = !ready ? null : state.status() == SessionStatus.READY ? state.readyAt() : at;
        boolean mediaReady = ready && customer.media().covers(required) && mechanic.media().covers(required);
        SessionState next = new SessionState(state.sessionId(), state.customerId(), state.mechanicId(), status,
                state.version(), customer, mechanic, mediaReady, readyAt, null, null, sids);
        if (next.sameSnapshotAs(state)) {
            return new FoldResult(next, false, "sids updated; snapshot unchanged");
        }
        return new FoldResult(withVersion(next, state.version() + 1), true,
                "customer " + word(customer) + ", mechanic " + word(mechanic) + ": " + status + (mediaReady ? ", media ready" : ""));
    }

    private static RolePresence presence(RolePresence before, Map<String, ParticipantSid> sids, Role role, Instant at) {
        Optional<ParticipantSid> latest = sids.values().stream()
                .filter(sid -> sid.active() && sid.role() == role)
                .max(Comparator.comparing(ParticipantSid::joinedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (latest.isPresent()) {
            return new RolePresence(true, latest.get().identity(), before.present() ? before.since() : at, media(sids, role));
        }
        boolean kickedByANewerTab = sids.values().stream()
                .anyMatch(sid -> sid.role() == role && awaitsItsReplacement(sid, sids));
        if (before.present() && kickedByANewerTab) {
            return before;
        }
        return before.present() ? new RolePresence(false, before.identity(), null, Media.NONE) : before;
    }

    /** What the role's active sids publish together. */
    private static Media media(Map<String, ParticipantSid> sids, Role role) {
        Set<MediaSource> sources = EnumSet.noneOf(MediaSource.class);
        sids.values().stream().filter(sid -> sid.active() && sid.role() == role)
                .flatMap(sid -> sid.tracks().values().stream())
                .filter(Track::published)
                .forEach(track -> sources.add(track.source()));
        return Media.of(sources);
    }

    /**
     * A sid LiveKit kicked as DUPLICATE_IDENTITY was replaced by a newer connection of the same
     * identity, whose join webhook may come after the kick's leave: until that newer sid shows up,
     * the identity still counts as present (reconciliation corrects it if the join never comes).
     */
    private static boolean awaitsItsReplacement(ParticipantSid kicked, Map<String, ParticipantSid> sids) {
        if (kicked.active() || !DUPLICATE_IDENTITY.equals(kicked.leftReason())) {
            return false;
        }
        return sids.values().stream().noneMatch(other -> other != kicked
                && Objects.equals(other.identity(), kicked.identity()) && isLater(other, kicked));
    }

    /**
     * Whether {@code other} came after the kicked sid. LiveKit's times have one-second resolution, so
     * only a strictly later time counts: a sid that came and went in the kicked one's own second is
     * not its replacement (were it counted, READY would flap until the real replacement's join).
     */
    private static boolean isLater(ParticipantSid other, ParticipantSid kicked) {
        if (other.joinedAt() != null && kicked.joinedAt() != null && other.joinedAt().isAfter(kicked.joinedAt())) {
            return true;
        }
        return other.leftAt() != null && kicked.leftAt() != null && other.leftAt().isAfter(kicked.leftAt());
    }

    private static FoldResult end(SessionState state, String reason, Instant at) {
        SessionState ended = new SessionState(state.sessionId(), state.customerId(), state.mechanicId(),
                SessionStatus.ENDED, state.version() + 1, absent(state.customer()), absent(state.mechanic()), false,
                null, at, reason, state.sids());
        return new FoldResult(ended, true, "ended: " + reason);
    }

    private static RolePresence absent(RolePresence presence) {
        return new RolePresence(false, presence.identity(), null, Media.NONE);
    }

    private static SessionState withVersion(SessionState s, long version) {
        return new SessionState(s.sessionId(), s.customerId(), s.mechanicId(), s.status(), version, s.customer(),
                s.mechanic(), s.mediaReady(), s.readyAt(), s.endedAt(), s.endReason(), s.sids());
    }

    private static FoldResult unchanged(SessionState state, String outcome) {
        return new FoldResult(state, false, outcome);
    }

    private static String word(RolePresence presence) {
        return presence.present() ? "present" : "absent";
    }
}
