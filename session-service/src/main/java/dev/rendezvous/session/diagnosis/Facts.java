package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.Reception;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every check reads: the snapshot, the latest of the timeline, the tokens minted, LiveKit's answer
 * and the time of asking.
 *
 * @param tokens the latest token per role, with how many were minted
 * @param receptions each role's page's last report of what it plays of the other (the snapshot shows only video and audio)
 */
record Facts(SessionSnapshot session, List<Observed> timeline, Map<Role, Tokens> tokens, Map<Role, Reception> receptions,
             LiveKitProbe livekit, Instant now) {

    /** The tokens minted for one role: the latest, the first, how many. */
    record Tokens(String identity, String room, Instant firstIssuedAt, Instant issuedAt, Instant expiresAt, String eventId,
                  long minted) {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    String room() {
        return RoomName.of(session.sessionId()).value();
    }

    /** The party of a required role. */
    SessionSnapshot.Party party(Role required) {
        return required == Role.CUSTOMER ? session.customer() : session.mechanic();
    }

    /** The user ids the roster holds in a role. */
    List<String> usersOf(Role role) {
        return session.members().stream().filter(m -> m.role() == role).map(SessionSnapshot.Member::userId).toList();
    }

    /** A join in this room, by this role, that the fold counted. */
    boolean countedJoin(Observed e, Role role) {
        return e.isJoin() && e.isPerson() && role == e.role() && room().equals(e.room()) && e.counted();
    }

    /** Whether an event could be about this role: it says so, or its user is this role's. */
    boolean mayBe(Observed e, Role role) {
        // An agent or a recorder that claims a role (its token copied a person's metadata) is never that person.
        return e.isPerson() && (role == e.role() || (e.userId() != null && usersOf(role).contains(e.userId())));
    }

    /** What the role's page last reported it plays of the other; nothing for a role that reports nothing. */
    Reception reception(Role role) {
        return receptions.getOrDefault(role, Reception.NONE);
    }

    Optional<Tokens> token(Role role) {
        return Optional.ofNullable(tokens.get(role));
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
