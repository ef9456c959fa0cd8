package dev.rendezvous.session.reconcile;

import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.ParticipantSid;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.Role;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.Track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public static final String REASON = "RECONCILED_NOT_IN_ROOM";

    private Corrections() {
    }

    public static List<PresenceEvent> between(SessionState state, List<ListedParticipant> listed, Instant now,
                                              Duration grace) {
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
            if (known == null || known.isPending()) {
                corrections.add(new PresenceEvent("reconcile:" + state.sessionId() + ":" + p.sid() + ":joined", PresenceEvent.Kind.JOINED,
                        state.roomName(), p.sid(), p.identity(), p.role().orElse(null), p.userId(), null,
                        p.joinedAt() != null ? p.joinedAt() : now));
            }
            Map<String, Track> tracks = known == null ? Map.of() : known.tracks();
            p.tracks().forEach((trackSid, source) -> {
                if (!tracks.containsKey(trackSid)) {
                    corrections.add(track(state, p.sid(), p.identity(), p.role().orElse(null), p.userId(), trackSid, source,
                            PresenceEvent.Kind.TRACK_PUBLISHED, now));
                }
            });
            tracks.forEach((trackSid, track) -> {
                if (track.published() && !p.tracks().containsKey(trackSid)) {
                    corrections.add(track(state, p.sid(), p.identity(), p.role().orElse(null), p.userId(), trackSid,
                            track.source(), PresenceEvent.Kind.TRACK_UNPUBLISHED, now));
                }
            });
        }
        Set<String> listedSids = bySid.keySet();
        for (ParticipantSid sid : state.sids().values()) {
            boolean settled = sid.joinedAt() == null || sid.joinedAt().plus(grace).isBefore(now);
            if (sid.active() && !listedSids.contains(sid.sid()) && settled) {
                corrections.add(new PresenceEvent("reconcile:" + state.sessionId() + ":" + sid.sid() + ":left", PresenceEvent.Kind.LEFT,
                        state.roomName(), sid.sid(), sid.identity(), sid.role(), sid.userId(), REASON, now));
            }
        }
        return corrections;
    }

    private static PresenceEvent track(SessionState state, String sid, String identity, Role role, String userId,
                                       String trackSid, MediaSource source, PresenceEvent.Kind kind, Instant now) {
        String what = kind == PresenceEvent.Kind.TRACK_PUBLISHED ? "published" : "unpublished";
        return new PresenceEvent("reconcile:" + state.sessionId() + ":" + sid + ":" + trackSid + ":" + what, kind,
                state.roomName(), sid, identity, role, userId, null, now, trackSid, source);
    }
}
