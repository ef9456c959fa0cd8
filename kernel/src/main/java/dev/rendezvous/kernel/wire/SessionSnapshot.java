package dev.rendezvous.kernel.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rendezvous.kernel.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The session snapshot (docs/architecture.md, "Session state"): what session-service's API returns and
 * what every {@code session-signals} record carries (contracts/schemas/session-signal.json).
 *
 * @param mediaReady READY, and each role publishes the sources that count
 * @param seenAndHeard mediaReady, and each role's page plays the other's video and audio
 * @param members every member of the roster with its presence: the customer and the mechanic as in
 *                {@code customer} and {@code mechanic} (derived from them when a record predates it)
 * @param others the participants in the room that are not people's pages (agents, recorders, SIP, …):
 *               never counted for a role
 * @param recording a recorder (LiveKit Egress) is in the room: both people have a right to know
 */
public record SessionSnapshot(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                              boolean mediaReady, boolean seenAndHeard, Waiting waiting, Instant readyAt, Instant endedAt,
                              String endReason, List<Member> members, List<Other> others, boolean recording) {

    public SessionSnapshot {
        members = members == null ? membersOf(customer, mechanic) : List.copyOf(members);
        others = others == null ? List.of() : List.copyOf(others);
    }

    /** A snapshot whose members are its customer and mechanic. */
    public SessionSnapshot(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                           boolean mediaReady, boolean seenAndHeard, Waiting waiting, Instant readyAt, Instant endedAt,
                           String endReason, List<Other> others, boolean recording) {
        this(sessionId, status, version, customer, mechanic, mediaReady, seenAndHeard, waiting, readyAt, endedAt, endReason,
                null, others, recording);
    }

    /** A snapshot with nobody but people in the room. */
    public SessionSnapshot(UUID sessionId, SessionStatus status, long version, Party customer, Party mechanic,
                           boolean mediaReady, boolean seenAndHeard, Waiting waiting, Instant readyAt, Instant endedAt,
                           String endReason) {
        this(sessionId, status, version, customer, mechanic, mediaReady, seenAndHeard, waiting, readyAt, endedAt, endReason,
                null, List.of(), false);
    }

    private static List<Member> membersOf(Party customer, Party mechanic) {
        List<Member> members = new ArrayList<>(2);
        if (customer != null) {
            members.add(Member.of(Role.CUSTOMER, customer));
        }
        if (mechanic != null) {
            members.add(Member.of(Role.MECHANIC, mechanic));
        }
        return List.copyOf(members);
    }

    /** One member of the roster, in the shape of a party (customer, mechanic), with the role named. */
    public record Member(Role role, String userId, boolean present, String identity, Instant since, Media media,
                         Receives receives) {
        public static Member of(Role role, Party party) {
            return new Member(role, party.userId(), party.present(), party.identity(), party.since(), party.media(),
                    party.receives());
        }
    }

    /**
     * A participant that is not a person's page, while it is in the room.
     *
     * @param kind LiveKit's kind: AGENT, EGRESS, INGRESS, SIP, CONNECTOR, BRIDGE (or OTHER)
     * @param since when it joined
     */
    public record Other(String kind, String identity, Instant since) {
    }

    /**
     * One role of the roster, whether it is in the room, what it publishes there, and what its page plays
     * of the other role.
     */
    public record Party(String userId, boolean present, String identity, Instant since, Media media, Receives receives) {
    }

    /** The sources a role publishes. */
    public record Media(boolean camera, boolean microphone) {
    }

    /**
     * What a role's page plays of the other role, as the page reported it: {@code video} the other's
     * camera renders (frames decode), {@code audio} the other's microphone plays. Both false until the
     * page reports, and again whenever either role leaves.
     */
    public record Receives(boolean video, boolean audio) {
        public static final Receives NOTHING = new Receives(false, false);

        public boolean both() {
            return video && audio;
        }
    }

    /**
     * Exactly one role present, waiting for the other (null otherwise); once a session ended on time
     * before the two met, the one who never came.
     *
     * @param forRole the absent role, written {@code for}
     * @param since when the present role started waiting
     * @param overdue it has waited longer than WAIT_OVERDUE_AFTER
     */
    public record Waiting(@JsonProperty("for") Role forRole, Instant since, boolean overdue) {
    }
}
