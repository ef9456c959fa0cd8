package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.SessionView;
import dev.rendezvous.session.fold.PresenceEvent.Kind;
import dev.rendezvous.session.fold.Role;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.rendezvous.session.diagnosis.Facts.clock;
import static dev.rendezvous.session.diagnosis.Facts.evidence;

/** One role's way into the room, step by step: a token, a join that counted, then camera and microphone. */
final class RoleChecks {

    private RoleChecks() {
    }

    static Check token(Facts f, Role role) {
        String name = role.wire() + "-token";
        Optional<Observed> latest = f.latestToken(role);
        if (latest.isEmpty()) {
            return f.party(role).present()
                    ? Check.of(name, Reason.NO_TOKEN_BUT_PRESENT, "no token event seen, but the " + role.wire() + " is in the room", evidence())
                    : Check.of(name, Reason.NO_TOKEN, "no token was issued to the " + role.wire() + " (" + f.party(role).userId()
                    + "): their page has not asked token-service for one, or was refused", evidence());
        }
        Observed token = latest.get();
        var evidence = evidence("eventId", token.eventId(), "identity", token.identity(),
                "room", token.room(), "issuedAt", token.occurredAt(), "expiresAt", token.expiresAt());
        boolean joinedSince = f.timeline().stream()
                .anyMatch(e -> f.countedJoin(e, role) && !e.receivedAt().isBefore(token.receivedAt()));
        boolean expired = token.tokenExpiresAt().map(at -> at.isBefore(f.now())).orElse(false);
        if (expired && !joinedSince && !f.party(role).present()) {
            return Check.of(name, Reason.TOKEN_EXPIRED_UNUSED, "the token issued to " + token.identity() + " at "
                    + clock(token.occurredAt()) + " expired at " + clock(token.expiresAt())
                    + " without being used to join; reloading the page gets a new one", evidence);
        }
        return Check.of(name, Reason.TOKEN_ISSUED, "token issued to " + token.identity() + " for " + token.room() + " at "
                + clock(token.occurredAt()) + ", valid until " + clock(token.expiresAt()), evidence);
    }

    static Check joined(Facts f, Role role) {
        String name = role.wire() + "-joined";
        Optional<Observed> counted = f.timeline().stream().filter(e -> f.countedJoin(e, role)).reduce((a, b) -> b);
        SessionView.Party party = f.party(role);
        if (party.present()) {
            Observed join = counted.orElse(null);
            return Check.of(name, Reason.PRESENT, role.wire() + " is in " + f.room() + " as " + party.identity() + " since "
                            + clock(party.since()) + (join == null ? "" : " (role read from " + roleSource(join) + ")"),
                    evidence("identity", party.identity(), "since", party.since(), "eventId", join == null ? null : join.eventId()));
        }
        if (counted.isPresent()) {
            Observed join = counted.get();
            Optional<Observed> leave = f.timeline().stream().filter(e -> role == e.role()
                    && (e.is(Kind.LEFT) || e.is(Kind.CONNECTION_ABORTED)) && f.room().equals(e.room())).reduce((a, b) -> b);
            return Check.of(name, Reason.JOINED_AND_GONE, join.identity() + " joined at " + clock(join.occurredAt())
                            + leave.map(l -> " and left at " + clock(l.occurredAt()) + " ("
                            + Objects.requireNonNullElse(l.reason(), l.type()) + ")").orElse(" and is gone"),
                    evidence("joined", join.eventId(), "left", leave.map(Observed::eventId).orElse(null)));
        }
        List<Observed> uncounted = f.timeline().stream().filter(e -> e.isJoin() && !f.countedJoin(e, Role.CUSTOMER)
                && !f.countedJoin(e, Role.MECHANIC) && f.mayBe(e, role)).toList();
        if (!uncounted.isEmpty()) {
            Observed e = uncounted.get(uncounted.size() - 1);
            return Check.of(name, Reason.JOIN_NOT_COUNTED, "LiveKit reported " + e.identity() + " joining " + e.room()
                            + " but it did not count: " + e.outcome(),
                    evidence("eventId", e.eventId(), "room", e.room(), "identity", e.identity(),
                            "role", e.role() == null ? "unknown" : e.role().wire()));
        }
        return Check.of(name, Reason.NOT_JOINED, "LiveKit has not reported the " + role.wire() + " joining " + f.room(), evidence());
    }

    /** Whether a present role publishes camera and microphone: "present" is not "seen and heard". */
    static Check media(Facts f, Role role) {
        String name = role.wire() + "-media";
        SessionView.Party party = f.party(role);
        if (!party.present()) {
            return Check.of(name, Reason.NOT_PRESENT_YET, "the " + role.wire() + " is not in the room, so publishes nothing yet",
                    evidence());
        }
        SessionView.Media media = party.media();
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

    /** Where the counted join's role was read; a reconciled join's came from LiveKit's participant list. */
    private static String roleSource(Observed join) {
        return join.isReconciliation() ? "reconciliation" : join.roleSource();
    }
}
