package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.SessionEvent.Kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.rendezvous.session.diagnosis.Facts.clock;
import static dev.rendezvous.session.diagnosis.Facts.evidence;

/** One role's way into the room, step by step: a token, a join that counted, then camera and microphone. */
final class RoleChecks {

    private RoleChecks() {
    }

    static Check token(Facts f, Role role) {
        String name = role.wire() + "-token";
        Optional<Facts.Tokens> latest = f.token(role);
        if (latest.isEmpty()) {
            return f.party(role).present()
                    ? Check.of(name, Reason.NO_TOKEN_BUT_PRESENT, "no token event seen, but the " + role.wire() + " is in the room", evidence())
                    : Check.of(name, Reason.NO_TOKEN, "no token was issued to the " + role.wire() + " (" + f.party(role).userId()
                    + "): their page has not asked token-service for one, or was refused", evidence());
        }
        Facts.Tokens token = latest.get();
        var evidence = evidence("eventId", token.eventId(), "identity", token.identity(), "room", token.room(),
                "issuedAt", token.issuedAt(), "expiresAt", token.expiresAt(), "minted", token.minted());
        boolean joinedSince = f.timeline().stream()
                .anyMatch(e -> f.countedJoin(e, role) && e.occurredAt() != null && !e.occurredAt().isBefore(token.issuedAt().minusSeconds(1)));
        boolean expired = token.expiresAt() != null && token.expiresAt().isBefore(f.now());
        if (expired && !joinedSince && !f.party(role).present()) {
            return Check.of(name, Reason.TOKEN_EXPIRED_UNUSED, "the token issued to " + token.identity() + " at "
                    + clock(token.issuedAt()) + " expired at " + clock(token.expiresAt())
                    + " without being used to join; reloading the page gets a new one", evidence);
        }
        return Check.of(name, Reason.TOKEN_ISSUED, "token issued to " + token.identity() + " for " + token.room() + " at "
                + clock(token.issuedAt()) + ", valid until " + clock(token.expiresAt())
                + (token.minted() > 1 ? " (" + token.minted() + " minted since " + clock(token.firstIssuedAt()) + ")" : ""), evidence);
    }

    static Check joined(Facts f, Role role) {
        String name = role.wire() + "-joined";
        Optional<Observed> counted = f.timeline().stream().filter(e -> f.countedJoin(e, role)).reduce((a, b) -> b);
        SessionSnapshot.Party party = f.party(role);
        if (party.present()) {
            Observed join = counted.orElse(null);
            return Check.of(name, Reason.PRESENT, role.wire() + " is in " + f.room() + " as " + party.identity() + " since "
                            + clock(party.since()) + (join == null ? "" : " (role read from " + roleSource(join) + ")"),
                    evidence("identity", party.identity(), "since", party.since(), "eventId", join == null ? null : join.eventId()));
        }
        if (counted.isPresent()) {
            Observed join = counted.get();
            Optional<Observed> leave = f.timeline().stream().filter(e -> e.isPerson() && role == e.role()
                    && (e.is(Kind.LEFT) || e.is(Kind.CONNECTION_ABORTED)) && f.room().equals(e.room())).reduce((a, b) -> b);
            return Check.of(name, Reason.JOINED_AND_GONE, join.identity() + " joined at " + clock(join.occurredAt())
                            + leave.map(l -> " and left at " + clock(l.occurredAt()) + " ("
                            + Objects.requireNonNullElse(l.reason(), l.type()) + ")").orElse(" and is gone"),
                    evidence("joined", join.eventId(), "left", leave.map(Observed::eventId).orElse(null)));
        }
        List<Observed> uncounted = f.timeline().stream().filter(e -> e.isJoin()
                && Stream.of(Role.values()).noneMatch(any -> f.countedJoin(e, any)) && f.mayBe(e, role)).toList();
        if (!uncounted.isEmpty()) {
            Observed e = uncounted.get(uncounted.size() - 1);
            return Check.of(name, Reason.JOIN_NOT_COUNTED, "LiveKit reported " + e.identity() + " joining " + e.room()
                            + " but it did not count: " + Verdicts.why(f, e),
                    evidence("eventId", e.eventId(), "room", e.room(), "identity", e.identity(),
                            "role", e.role() == null ? "unknown" : e.role().wire()));
        }
        return Check.of(name, Reason.NOT_JOINED, "LiveKit has not reported the " + role.wire() + " joining " + f.room(), evidence());
    }

    /** Whether a present role publishes camera and microphone: "present" is not "seen and heard". */
    static Check media(Facts f, Role role) {
        String name = role.wire() + "-media";
        SessionSnapshot.Party party = f.party(role);
        if (!party.present()) {
            return Check.of(name, Reason.NOT_PRESENT_YET, "the " + role.wire() + " is not in the room, so publishes nothing yet",
                    evidence());
        }
        SessionSnapshot.Media media = party.media();
        List<String> missing = new ArrayList<>();
        if (!media.camera()) {
            missing.add("camera");
        }
        if (!media.microphone()) {
            missing.add("microphone");
        }
        var evidence = evidence("identity", party.identity(), "camera", media.camera(), "microphone", media.microphone());
        if (missing.isEmpty()) {
            return Check.of(name, Reason.PUBLISHING, party.identity() + " publishes camera and microphone", evidence);
        }
        long seconds = party.since() == null ? 0 : Math.max(0, Duration.between(party.since(), f.now()).toSeconds());
        return Check.of(name, Reason.MEDIA_MISSING, party.identity() + " joined at " + clock(party.since())
                + " and has published no " + String.join(" and no ", missing) + " for " + seconds + " s", evidence);
    }

    /**
     * Whether one person has waited too long for the other: the snapshot's {@code waiting}, overdue once
     * it lasts WAIT_OVERDUE_AFTER (a backend told by the signal can page the late one).
     */
    static Check waiting(Facts f) {
        SessionSnapshot.Waiting waiting = f.session().waiting();
        if (waiting == null || f.session().status() == SessionStatus.ENDED) {
            return Check.of("waiting", Reason.NOT_WAITING, "nobody is waiting alone", evidence());
        }
        Role present = waiting.forRole().other();
        long minutes = Math.max(0, Duration.between(waiting.since(), f.now()).toMinutes());
        var evidence = evidence("for", waiting.forRole().wire(), "since", waiting.since(), "overdue", waiting.overdue());
        String detail = "the " + present.wire() + " has waited for the " + waiting.forRole().wire() + " since "
                + clock(waiting.since()) + " (" + minutes + " min)";
        return waiting.overdue() ? Check.of("waiting", Reason.WAITING_OVERDUE, detail + ": the " + waiting.forRole().wire()
                + " is late", evidence) : Check.of("waiting", Reason.WAITING_IN_TIME, detail, evidence);
    }

    /** Where the counted join's role was read; a reconciled join's came from LiveKit's participant list. */
    private static String roleSource(Observed join) {
        return join.isReconciliation() ? "reconciliation" : join.roleSource();
    }
}
