package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.SessionEvent.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.rendezvous.session.diagnosis.Facts.clock;
import static dev.rendezvous.session.diagnosis.Facts.evidence;

/** Who is who, and in which room: the roster, the rooms and identities LiveKit reported, and the connections it dropped. */
final class IdentityChecks {

    /** Problems after which nobody can tell which role a participant is. */
    private static final Set<String> FATAL_PROBLEMS = Set.of("role-missing", "role-invalid", "identity-malformed");
    /** Problems the room-name check reports. */
    private static final Set<String> ROOM_PROBLEMS = Set.of("room-name-not-canonical", "room-without-session-id", "room-missing");

    private IdentityChecks() {
    }

    static Check roster(Facts f) {
        String customer = f.session().customer().userId();
        String mechanic = f.session().mechanic().userId();
        List<String> supervisors = f.session().members().stream().filter(m -> m.role() == Role.SUPERVISOR)
                .map(SessionSnapshot.Member::userId).toList();
        var evidence = evidence("customerId", customer, "mechanicId", mechanic, "supervisors", supervisors.isEmpty() ? null : supervisors);
        if (customer.equals(mechanic)) {
            return Check.of("roster", Reason.SAME_USER_BOTH_ROLES, "the same user " + customer + " is both customer and "
                    + "mechanic: one browser can be only one of them, and each token request must choose a role", evidence);
        }
        return Check.of("roster", Reason.ROSTER_OK, "customer " + customer + ", mechanic " + mechanic
                + (supervisors.isEmpty() ? "" : ", supervisor(s) " + String.join(", ", supervisors) + " (hidden, never counted)"), evidence);
    }

    static Check roomName(Facts f) {
        String room = f.room();
        Set<String> others = f.timeline().stream().map(Observed::room).filter(r -> r != null && !r.equals(room))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (others.isEmpty()) {
            return Check.of("room-name", Reason.ONE_ROOM, "every webhook came from " + room, evidence());
        }
        List<String> events = f.timeline().stream().filter(e -> e.room() != null && !e.room().equals(room))
                .map(Observed::eventId).toList();
        return Check.of("room-name", Reason.OTHER_ROOMS, "webhooks came from room(s) " + others + " that only look like "
                + room + ": the pages did not join the same room", evidence("rooms", others, "events", events));
    }

    static Check identityAndRole(Facts f) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Observed e : f.timeline()) {
            if (!e.isAboutAParticipant() || !e.isPerson()) {
                continue; // an agent or a recorder has no role to read: its identity is not a page's mistake
            }
            for (String problem : e.problems()) {
                if (!ROOM_PROBLEMS.contains(problem)) {
                    problems.computeIfAbsent(e.identity() + " (" + e.eventId() + ")", k -> new ArrayList<>()).add(problem);
                }
            }
        }
        if (problems.isEmpty()) {
            return Check.of("identity-and-role", Reason.IDENTITIES_CLEAN, "every identity and its role metadata read cleanly",
                    evidence());
        }
        boolean fatal = problems.values().stream().flatMap(List::stream).anyMatch(FATAL_PROBLEMS::contains);
        return Check.of("identity-and-role", fatal ? Reason.IDENTITY_UNREADABLE : Reason.IDENTITY_DOUBTS,
                "problems with identities or role metadata: " + problems, evidence("problems", problems));
    }

    /**
     * Participants who joined the room but counted for nobody: no user id could be read, or theirs is
     * not the roster's for the role they claim. Who they were, what they claimed, why they did not count.
     */
    static Check uninvited(Facts f) {
        List<Observed> turnedAway = f.timeline().stream().filter(e -> e.isJoin() && e.uninvited()).toList();
        if (turnedAway.isEmpty()) {
            return Check.of("uninvited", Reason.NOBODY_UNINVITED, "nobody outside the roster joined the room", evidence());
        }
        List<Map<String, Object>> who = turnedAway.stream().map(e -> evidence("identity", e.identity(), "claimedRole",
                e.role() == null ? "none" : e.role().wire(), "roleSource", e.roleSource(), "userId", e.userId(),
                "verdict", e.verdict().code(), "eventId", e.eventId())).toList();
        return Check.of("uninvited", Reason.UNINVITED, turnedAway.stream()
                        .map(e -> e.identity() + " at " + clock(e.occurredAt()) + ": " + Verdicts.why(f, e))
                        .distinct().collect(Collectors.joining("; ", "joined but counted for nobody: ", "")),
                evidence("participants", who));
    }

    /**
     * Who is in the room besides the people: AI agents, recorders, phone legs, ingested streams. Named as
     * what they are, never as uninvited people; a recorder is said out loud, because both people have a
     * right to know the call is recorded.
     */
    static Check others(Facts f) {
        List<SessionSnapshot.Other> others = f.session().others();
        if (others.isEmpty()) {
            return Check.of("others", Reason.NOBODY_ELSE, "nobody but the people of the roster is in the room", evidence());
        }
        String who = others.stream().map(o -> ParticipantKind.fromWire(o.kind()).description() + " " + o.identity()
                        + (o.since() == null ? "" : " since " + clock(o.since())))
                .collect(Collectors.joining("; "));
        List<Map<String, Object>> listed = others.stream()
                .map(o -> evidence("kind", o.kind(), "identity", o.identity(), "since", o.since())).toList();
        return Check.of("others", f.session().recording() ? Reason.RECORDING : Reason.SERVICES_IN_ROOM,
                (f.session().recording() ? "the call is being recorded; " : "") + "in the room besides the people, never counted "
                        + "for a role: " + who, evidence("others", listed));
    }

    static Check duplicateIdentity(Facts f) {
        List<Observed> kicks = f.timeline().stream().filter(e -> "DUPLICATE_IDENTITY".equals(e.reason())).toList();
        if (kicks.isEmpty()) {
            return Check.of("duplicate-identity", Reason.NO_DUPLICATE_IDENTITY,
                    "no connection was replaced by a second one of the same identity", evidence());
        }
        return Check.of("duplicate-identity", Reason.DUPLICATE_IDENTITY, kicks.stream()
                        .map(e -> e.identity() + " at " + clock(e.occurredAt()))
                        .collect(Collectors.joining(", ", "kicked as a duplicate identity (a second tab or device took over): ", "")),
                evidence("events", kicks.stream().map(Observed::eventId).toList()));
    }

    static Check abortedConnections(Facts f) {
        List<Observed> aborted = f.timeline().stream().filter(e -> e.is(Kind.CONNECTION_ABORTED)).toList();
        if (aborted.isEmpty()) {
            return Check.of("aborted-connections", Reason.NO_ABORTED_CONNECTION, "no connection was aborted", evidence());
        }
        return Check.of("aborted-connections", Reason.CONNECTIONS_ABORTED, aborted.stream()
                        .map(e -> e.identity() + " at " + clock(e.occurredAt()))
                        .collect(Collectors.joining(", ", "connections aborted (network or ICE failure): ", "")),
                evidence("events", aborted.stream().map(Observed::eventId).toList()));
    }
}
