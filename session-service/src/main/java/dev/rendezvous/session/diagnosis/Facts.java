package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.SessionView;
import dev.rendezvous.session.fold.Role;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every check reads: the snapshot, the timeline, LiveKit's answer and the time of asking. */
record Facts(SessionView session, List<Observed> timeline, LiveKitProbe livekit, Instant now) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    String room() {
        return SessionIds.room(session.sessionId());
    }

    SessionView.Party party(Role role) {
        return role == Role.CUSTOMER ? session.customer() : session.mechanic();
    }

    /** A join in this room, by this role, that the fold counted. */
    boolean countedJoin(Observed e, Role role) {
        return e.isJoin() && role == e.role() && room().equals(e.room()) && e.counted();
    }

    /** Whether an event could be about this role: it says so, or its user is this role's. */
    boolean mayBe(Observed e, Role role) {
        return role == e.role() || (e.userId() != null && e.userId().equals(party(role).userId()));
    }

    /** The latest token issued to this role. */
    Optional<Observed> latestToken(Role role) {
        return timeline.stream().filter(e -> e.isToken() && role == e.role()).max(Comparator.comparing(Observed::receivedAt));
    }

    static String clock(Instant instant) {
        return instant == null ? "?" : CLOCK.format(instant);
    }

    /** Facts as name-value pairs, in order, leaving out the ones not known. */
    static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
