package dev.rendezvous.session.reconcile;

import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.ParticipantSid;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.Track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What LiveKit's participant list says the webhooks missed, as events for the fold: a sid LiveKit
 * has but the state lacks becomes a join; a sid the state holds active that LiveKit has not listed
 * becomes a leave; a listed track the sid lacks becomes a publish, a published one LiveKit no longer
 * lists an unpublish. Either only once the join is older than the grace period, so a webhook still on
 * its way is not raced. Event ids are derived from the
 * sid, so replicas reconciling at once, or a reconciliation repeated, correct once.
 */
public final class Corrections {

    public static final String REASON = SessionFold.NOT_IN_ROOM;
    /** Why a session ends when LiveKit lists nobody for longer than the departure timeout. */
    public static final String ROOM_GONE = "room-gone";

    private Corrections() {
    }

    public static List<PresenceEvent> between(SessionState state, List<ListedParticipant> listed, Instant now,
                                              Duration grace) {
        return between(state, listed, now, grace, null);
    }

    /**
     * @param departure how long the room may list nobody, with every sid gone, before the session ends
     *                  as {@code room-gone} (its {@code room_finished} webhook was lost); null: never
     */
    public static List<PresenceEvent> between(SessionState state, List<ListedParticipant> listed, Instant now,
                                              Duration grace, Duration departure) {
        Map<String, ListedParticipant> bySid = listed.stream()
                .collect(Collectors.toMap(ListedParticipant::sid, Function.identity(), (a, b) -> a));
        List<PresenceEvent> corrections = new ArrayList<>();
        for (ListedParticipant p : listed) {
            // A join listed moments ago is most likely still on its way as a webhook: leave it to it.
            boolean settled = p.joinedAt() == null || p.joinedAt().plus(grace).isBefore(now);
            ParticipantSid known = state.sids().get(p.sid());
            if (!settled || (known != null && known.hasLeft())) {
                continue;
            }
            ListedParticipant.Reading reading = p.reading();
            if (known == null || known.isPending()) {
                corrections.add(listed(state, p, reading, PresenceEvent.Kind.JOINED, "joined",
                        p.joinedAt() != null ? p.joinedAt() : now, null, null));
            }
            Map<String, Track> tracks = known == null ? Map.of() : known.tracks();
            p.tracks().forEach((trackSid, source) -> {
                if (!tracks.containsKey(trackSid)) {
                    corrections.add(listed(state, p, reading, PresenceEvent.Kind.TRACK_PUBLISHED, trackSid + ":published",
                            now, trackSid, source));
                }
            });
            tracks.forEach((trackSid, track) -> {
                if (track.published() && !p.tracks().containsKey(trackSid)) {
                    corrections.add(listed(state, p, reading, PresenceEvent.Kind.TRACK_UNPUBLISHED, trackSid + ":unpublished",
                            now, trackSid, track.source()));
                }
            });
        }
        Set<String> listedSids = bySid.keySet();
        for (ParticipantSid sid : state.sids().values()) {
            boolean settled = sid.joinedAt() == null || sid.joinedAt().plus(grace).isBefore(now);
            if (sid.active() && !listedSids.contains(sid.sid()) && settled) {
                corrections.add(unlisted(state, sid, "left", now));
            }
        }
        for (ParticipantSid kicked : state.sids().values()) {
            if (awaitsAReplacementThatIsNotThere(state, kicked, listed, now, grace)) {
                corrections.add(unlisted(state, kicked, "gone", now));
            }
        }
        if (departure != null && isGone(state, listed, now, departure)) {
            corrections.add(PresenceEvent.roomGone(id(state, ROOM_GONE), ROOM_GONE, now));
        }
        return corrections;
    }

    /**
     * A role kept present by a DUPLICATE_IDENTITY kick waits for the newer connection's join; when
     * LiveKit lists no participant of that identity well after the kick, that join is not coming.
     */
    private static boolean awaitsAReplacementThatIsNotThere(SessionState state, ParticipantSid kicked,
                                                           List<ListedParticipant> listed, Instant now, Duration grace) {
        if (kicked.active() || kicked.role() == null || !SessionFold.DUPLICATE_IDENTITY.equals(kicked.leftReason())
                || kicked.leftAt() == null || !kicked.leftAt().plus(grace).isBefore(now)) {
            return false;
        }
        boolean roleHeldByTheKick = state.presenceOf(kicked.role()).present()
                && state.sids().values().stream().noneMatch(s -> s.active() && s.role() == kicked.role());
        return roleHeldByTheKick && listed.stream().noneMatch(p -> Objects.equals(p.identity(), kicked.identity()));
    }

    /** Somebody joined, everybody left longer than the departure timeout ago, and LiveKit lists nobody. */
    private static boolean isGone(SessionState state, List<ListedParticipant> listed, Instant now, Duration departure) {
        if (!listed.isEmpty() || state.sids().values().stream().anyMatch(ParticipantSid::active)) {
            return false;
        }
        return state.sids().values().stream().map(ParticipantSid::leftAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).map(lastLeft -> lastLeft.plus(departure).isBefore(now)).orElse(false);
    }

    /** A correction for what LiveKit lists, with the role as read from the listing. */
    private static PresenceEvent listed(SessionState state, ListedParticipant p, ListedParticipant.Reading reading,
                                        PresenceEvent.Kind kind, String what, Instant at, String trackSid, MediaSource source) {
        return new PresenceEvent(id(state, p.sid() + ":" + what), kind, PresenceEvent.Origin.RECONCILIATION, state.roomName(),
                p.sid(), p.identity(), reading.role(), reading.source(), reading.userId(), reading.problems(), null, at,
                trackSid, source, null);
    }

    /** A leave for a sid LiveKit does not list: its role is the one the fold already holds, read from nothing new. */
    private static PresenceEvent unlisted(SessionState state, ParticipantSid sid, String what, Instant now) {
        return new PresenceEvent(id(state, sid.sid() + ":" + what), PresenceEvent.Kind.LEFT, PresenceEvent.Origin.RECONCILIATION,
                state.roomName(), sid.sid(), sid.identity(), sid.role(), null, sid.userId(), List.of(), REASON, now, null,
                null, null);
    }

    /** Ids derived from the session and the sid: a correction found twice is applied once. */
    private static String id(SessionState state, String what) {
        return "reconcile:" + state.sessionId() + ":" + what;
    }
}
