package dev.rendezvous.session.reconcile;

import dev.rendezvous.kernel.Sid;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.SidState;
import dev.rendezvous.session.fold.Track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * its way is not raced, measured against when LiveKit's list was taken. A sid only reconciliation took
 * for gone, listed again, comes back. Event ids are derived from the session and the sid, so replicas
 * reconciling at once, or a reconciliation repeated, correct once. A room never ends a session.
 */
public final class Corrections {

    public static final String REASON = SessionFold.NOT_IN_ROOM;

    private Corrections() {
    }

    /**
     * @param now when LiveKit's list was taken (asked for), not when it is compared: a sid that joined after
     *            that moment cannot be in it, and the grace is measured against it
     */
    public static List<SessionEvent> between(SessionState state, List<ListedParticipant> listed, Instant now, Duration grace) {
        Map<Sid, ListedParticipant> bySid = listed.stream()
                .collect(Collectors.toMap(ListedParticipant::sid, Function.identity(), (a, b) -> a));
        List<SessionEvent> corrections = new ArrayList<>();
        for (ListedParticipant p : listed) {
            // A join listed moments ago is most likely still on its way as a webhook: leave it to it.
            boolean settled = p.joinedAt() == null || p.joinedAt().plus(grace).isBefore(now);
            SidState known = state.sids().get(p.sid());
            SessionEvent.Participant who = p.in(state.room());
            if (known != null && wronglyTakenForGone(known, now)) {
                // An earlier list lacked the sid, and no webhook said it left: LiveKit lists it again, so it is back.
                corrections.add(new SessionEvent.Joined(id(state, p.sid() + ":back:" + known.leftAt().toEpochMilli()),
                        Origin.RECONCILIATION, now, who));
                continue;
            }
            if (!settled || (known != null && known.hasLeft())) {
                continue;
            }
            if (known == null || known.isPending()) {
                corrections.add(new SessionEvent.Joined(id(state, p.sid() + ":joined"), Origin.RECONCILIATION,
                        p.joinedAt() != null ? p.joinedAt() : now, who));
            }
            Map<String, Track> tracks = known == null ? Map.of() : known.tracks();
            p.tracks().forEach((trackSid, source) -> {
                if (!tracks.containsKey(trackSid)) {
                    corrections.add(new SessionEvent.TrackChanged(id(state, p.sid() + ":" + trackSid + ":published"),
                            Origin.RECONCILIATION, now, who, trackSid, source, true));
                }
            });
            tracks.forEach((trackSid, track) -> {
                if (track.published() && !p.tracks().containsKey(trackSid)) {
                    corrections.add(new SessionEvent.TrackChanged(id(state, p.sid() + ":" + trackSid + ":unpublished"),
                            Origin.RECONCILIATION, now, who, trackSid, track.source(), false));
                }
            });
        }
        Set<Sid> listedSids = bySid.keySet();
        for (SidState sid : state.sids().values()) {
            boolean settled = sid.joinedAt() == null || sid.joinedAt().plus(grace).isBefore(now);
            if (sid.active() && !listedSids.contains(sid.sid()) && settled) {
                corrections.add(unlisted(state, sid, "left", now));
            }
        }
        for (SidState kicked : state.sids().values()) {
            if (awaitsAReplacementThatIsNotThere(state, kicked, listed, now, grace)) {
                corrections.add(unlisted(state, kicked, "gone", now));
            }
        }
        return corrections;
    }

    /**
     * A role kept present by a DUPLICATE_IDENTITY kick waits for the newer connection's join; when
     * LiveKit lists no participant of that identity well after the kick, that join is not coming.
     */
    private static boolean awaitsAReplacementThatIsNotThere(SessionState state, SidState kicked, List<ListedParticipant> listed,
                                                           Instant now, Duration grace) {
        if (kicked.active() || kicked.role() == null || !SessionFold.DUPLICATE_IDENTITY.equals(kicked.leftReason())
                || kicked.leftAt() == null || !kicked.leftAt().plus(grace).isBefore(now)) {
            return false;
        }
        boolean roleHeldByTheKick = state.members().stream().filter(kicked::isOf)
                .anyMatch(member -> member.present() && state.sids().values().stream().noneMatch(s -> s.activeFor(member)));
        return roleHeldByTheKick && listed.stream().noneMatch(p -> Objects.equals(p.identity(), kicked.identity()));
    }

    private static boolean wronglyTakenForGone(SidState known, Instant listedAt) {
        return known.hasLeft() && SessionFold.NOT_IN_ROOM.equals(known.leftReason()) && known.leftAt().isBefore(listedAt);
    }

    /** A leave for a sid LiveKit does not list: its role is the one the fold already holds, read from nothing new. */
    private static SessionEvent unlisted(SessionState state, SidState sid, String what, Instant now) {
        SessionEvent.Participant who = new SessionEvent.Participant(state.room(), sid.sid(), sid.identity(), sid.role(), null,
                sid.userId(), List.of(), sid.kind());
        // The join's time in the id: a sid brought back and then missing again is a new leave, not a repeat.
        String activation = sid.joinedAt() == null ? "" : ":" + sid.joinedAt().toEpochMilli();
        return new SessionEvent.Left(id(state, sid.sid() + ":" + what + activation), Origin.RECONCILIATION, now, who, REASON, false);
    }

    /** Ids derived from the session and the sid: a correction found twice is applied once. */
    private static String id(SessionState state, String what) {
        return "reconcile:" + state.sessionId() + ":" + what;
    }
}
