package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.rendezvous.session.diagnosis.Facts.clock;

/** One sentence from the checks already made: why the session is (not) READY. It reads reasons, never the checks' prose. */
final class Summary {

    private Summary() {
    }

    static String of(Facts f, Map<String, Check> checks) {
        String room = f.room();
        if (f.session().status() == SessionStatus.READY) {
            String both = f.session().customer().identity() + " and " + f.session().mechanic().identity() + " are both in " + room;
            if (f.session().seenAndHeard()) {
                return "READY: " + both + ", and each sees and hears the other.";
            }
            if (f.session().mediaReady()) {
                return notSeenOrHeard(f, checks);
            }
            String media = Role.REQUIRED.stream().map(role -> checks.get(role.wire() + "-media"))
                    .filter(c -> c.reason() == Reason.MEDIA_MISSING).map(Check::detail).collect(Collectors.joining("; "));
            return "READY, but not yet seen and heard: " + both + (media.isEmpty() ? "" : ", but " + media) + ".";
        }
        if (f.session().status() == SessionStatus.ENDED) {
            SessionSnapshot.Waiting neverCame = f.session().waiting();
            return "ENDED at " + clock(f.session().endedAt()) + " (" + f.session().endReason()
                    + (neverCame == null ? "" : ": the " + neverCame.forRole().wire() + " never came") + ").";
        }
        if (checks.get("livekit").reason() == Reason.LIVEKIT_UNREACHABLE) {
            return "Waiting: LiveKit cannot be reached" + LiveKitChecks.at(f.livekit()) + " (" + f.livekit().error()
                    + "), so nobody can join.";
        }
        Stream<String> late = checks.get("waiting").reason() == Reason.WAITING_OVERDUE
                ? Stream.of("The " + f.session().waiting().forRole().wire() + " is late: " + checks.get("waiting").detail()) : Stream.empty();
        return oneSentence(Stream.concat(late, Role.REQUIRED.stream().filter(role -> !f.party(role).present())
                .map(role -> whyMissing(f, role, checks))));
    }

    /** The summary is one sentence: several reasons become its clauses, the later ones after "; and". */
    static String oneSentence(Stream<String> clauses) {
        List<String> parts = clauses.map(c -> c.endsWith(".") ? c.substring(0, c.length() - 1) : c).toList();
        StringBuilder sentence = new StringBuilder();
        for (String part : parts) {
            if (!sentence.isEmpty()) {
                sentence.append("; and ").append(Character.toLowerCase(part.charAt(0))).append(part.substring(1));
            } else {
                sentence.append(part);
            }
        }
        return sentence.append('.').toString();
    }

    /**
     * Both publish: what each page said it does not play. A failure is what to act on, so when a page
     * fails only failures are named; otherwise the pages that have not reported.
     */
    private static String notSeenOrHeard(Facts f, Map<String, Check> checks) {
        Check.Status worst = Role.REQUIRED.stream().map(role -> checks.get(role.wire() + "-reception").status())
                .max(Comparator.naturalOrder()).orElse(Check.Status.PASS);
        return oneSentence(Role.REQUIRED.stream()
                .filter(role -> checks.get(role.wire() + "-reception").status() == worst)
                .map(role -> sentence(ReceptionChecks.whyNot(f, role, checks.get(role.wire() + "-reception").reason()))));
    }

    private static String sentence(String detail) {
        return Character.toUpperCase(detail.charAt(0)) + detail.substring(1) + ".";
    }

    private static String whyMissing(Facts f, Role role, Map<String, Check> checks) {
        String prefix = "Waiting for the " + role.wire() + ": ";
        String room = f.room();
        Optional<Observed> elsewhere = f.timeline().stream().filter(e -> e.isJoin() && f.mayBe(e, role) && e.room() != null
                && !e.room().equals(room)).reduce((a, b) -> b);
        if (elsewhere.isPresent()) {
            return prefix + elsewhere.get().identity() + " joined room " + elsewhere.get().room() + ", not " + room
                    + "; both pages must use the room token-service returns.";
        }
        Check joined = checks.get(role.wire() + "-joined");
        switch (joined.reason()) {
            case JOIN_NOT_COUNTED:
                return prefix + joined.detail() + ".";
            case JOINED_AND_GONE:
                return prefix + joined.detail() + "; they have not come back.";
            default:
                break;
        }
        Check token = checks.get(role.wire() + "-token");
        switch (token.reason()) {
            case NO_TOKEN:
                return prefix + "no token was issued to " + f.party(role).userId() + "; their page has not asked "
                        + "token-service for one (or was refused).";
            case TOKEN_EXPIRED_UNUSED:
                return prefix + token.detail() + ".";
            default:
                break;
        }
        String tokenFact = f.token(role).map(t -> "a token was issued to " + t.identity() + " at " + clock(t.issuedAt()))
                .orElse("no token event was seen");
        if (checks.get("webhooks").reason() == Reason.NO_WEBHOOK_AFTER_TOKEN) {
            return prefix + tokenFact + " but LiveKit has sent no webhook for " + room
                    + "; check LiveKit's webhook URL and API key.";
        }
        return prefix + tokenFact + " but LiveKit has not reported them joining " + room
                + "; check that their page connects to the LiveKit URL.";
    }

    /** The checks by name, for the summary to look up. */
    static Map<String, Check> byName(List<Check> checks) {
        return checks.stream().collect(Collectors.toMap(Check::check, c -> c));
    }
}
