package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.SessionStatus;
import dev.rendezvous.session.SessionView;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers, from what the services saw, the questions that otherwise take two browser consoles and
 * a server log (ARCHITECTURE.md, "Diagnosis"). Plain code: snapshot + timeline + LiveKit's answer in,
 * checks and one sentence out.
 */
public final class SessionDiagnosis {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Set<String> FATAL_PROBLEMS = Set.of("role-missing", "role-invalid", "identity-malformed");
    private static final Set<String> ROOM_PROBLEMS = Set.of("room-name-not-canonical", "room-without-session-id", "room-missing");
    /** How long after a token without any webhook the silence counts as a failure, not just early. */
    private static final Duration WEBHOOK_SILENCE = Duration.ofSeconds(30);

    private final SessionView session;
    private final List<Observed> timeline;
    private final LiveKitProbe livekit;
    private final Instant now;
    private final String room;

    public SessionDiagnosis(SessionView session, List<Observed> timeline, LiveKitProbe livekit, Instant now) {
        this.session = session;
        this.timeline = timeline;
        this.livekit = livekit;
        this.now = now;
        this.room = SessionIds.room(session.sessionId());
    }

    public DiagnosisReport report() {
        List<Check> checks = List.of(livekit(), roster(), token("customer"), token("mechanic"), joined("customer"),
                joined("mechanic"), media("customer"), media("mechanic"), roomName(), identityAndRole(), duplicateIdentity(),
                abortedConnections(), webhooks(), reconciliation());
        Map<String, Check> byName = checks.stream().collect(Collectors.toMap(Check::check, c -> c));
        return new DiagnosisReport(session.sessionId(), session.status(), session.version(), now, summary(byName), checks);
    }

    // --- the checks -------------------------------------------------------------------------

    Check livekit() {
        Map<String, Object> evidence = evidence("url", livekit.url(), "participants", livekit.identities());
        if (!livekit.reachable()) {
            return Check.fail("livekit", "LiveKit cannot be reached at " + livekit.url() + ": " + livekit.error(), evidence);
        }
        return Check.pass("livekit", "LiveKit answers at " + livekit.url() + " and lists " + livekit.identities().size()
                + " participant(s) in " + room + (livekit.identities().isEmpty() ? "" : ": " + String.join(", ", livekit.identities())),
                evidence);
    }

    Check roster() {
        String customer = session.customer().userId();
        Map<String, Object> evidence = evidence("customerId", customer, "mechanicId", session.mechanic().userId());
        if (customer.equals(session.mechanic().userId())) {
            return Check.warn("roster", "the same user " + customer + " is both customer and mechanic: one browser can be "
                    + "only one of them, and each token request must choose a role", evidence);
        }
        return Check.pass("roster", "customer " + customer + ", mechanic " + session.mechanic().userId(), evidence);
    }

    Check token(String role) {
        String name = role + "-token";
        Optional<Observed> latest = timeline.stream().filter(e -> e.isToken() && role.equals(e.role()))
                .max(Comparator.comparing(Observed::receivedAt));
        if (latest.isEmpty()) {
            return party(role).present()
                    ? Check.pass(name, "no token event seen, but the " + role + " is in the room", evidence())
                    : Check.fail(name, "no token was issued to the " + role + " (" + party(role).userId()
                    + "): their page has not asked token-service for one, or was refused", evidence());
        }
        Observed token = latest.get();
        Map<String, Object> evidence = evidence("eventId", token.eventId(), "identity", token.identity(),
                "room", token.room(), "issuedAt", token.occurredAt(), "expiresAt", token.expiresAt());
        boolean joinedSince = timeline.stream().anyMatch(e -> countedJoin(e, role) && !e.receivedAt().isBefore(token.receivedAt()));
        if (token.expiresAt() != null && token.expiresAt().isBefore(now) && !joinedSince && !party(role).present()) {
            return Check.warn(name, "the token issued to " + token.identity() + " at " + clock(token.occurredAt())
                    + " expired at " + clock(token.expiresAt()) + " without being used to join; reloading the page gets a new one", evidence);
        }
        return Check.pass(name, "token issued to " + token.identity() + " for " + token.room() + " at "
                + clock(token.occurredAt()) + ", valid until " + clock(token.expiresAt()), evidence);
    }

    Check joined(String role) {
        String name = role + "-joined";
        List<Observed> joins = timeline.stream().filter(e -> e.isJoin() && role.equals(e.role())).toList();
        Optional<Observed> counted = joins.stream().filter(e -> countedJoin(e, role)).reduce((a, b) -> b);
        SessionView.Party party = party(role);
        if (party.present()) {
            Observed join = counted.orElse(null);
            return Check.pass(name, role + " is in " + room + " as " + party.identity() + " since " + clock(party.since())
                    + (join == null ? "" : " (role read from " + join.roleSource() + ")"),
                    evidence("identity", party.identity(), "since", party.since(), "eventId", join == null ? null : join.eventId()));
        }
        if (counted.isPresent()) {
            Optional<Observed> leave = timeline.stream().filter(e -> role.equals(e.role())
                    && (e.is(".left") || e.is(".connection-aborted")) && room.equals(e.room())).reduce((a, b) -> b);
            return Check.warn(name, counted.get().identity() + " joined at " + clock(counted.get().occurredAt())
                    + leave.map(l -> " and left at " + clock(l.occurredAt()) + " (" + Objects.requireNonNullElse(l.disconnectReason(), l.type()) + ")").orElse(" and is gone"),
                    evidence("joined", counted.get().eventId(), "left", leave.map(Observed::eventId).orElse(null)));
        }
        List<Observed> uncounted = timeline.stream().filter(e -> e.isJoin() && !countedJoin(e, "customer")
                && !countedJoin(e, "mechanic") && mayBe(e, role)).toList();
        if (!uncounted.isEmpty()) {
            Observed e = uncounted.get(uncounted.size() - 1);
            return Check.fail(name, "LiveKit reported " + e.identity() + " joining " + e.room() + " but it did not count: "
                    + e.outcome(), evidence("eventId", e.eventId(), "room", e.room(), "identity", e.identity(), "role", e.role()));
        }
        return Check.fail(name, "LiveKit has not reported the " + role + " joining " + room, evidence());
    }

    /** Whether a present role publishes camera and microphone: "present" is not "seen and heard". */
    Check media(String role) {
        String name = role + "-media";
        SessionView.Party party = party(role);
        if (!party.present()) {
            return Check.pass(name, "the " + role + " is not in the room, so publishes nothing yet", evidence());
        }
        SessionView.Media media = party.media();
        List<String> missing = new ArrayList<>();
        if (!media.camera()) {
            missing.add("camera");
        }
        if (!media.microphone()) {
            missing.add("microphone");
        }
        Map<String, Object> evidence = evidence("identity", party.identity(), "camera", media.camera(),
                "microphone", media.microphone());
        if (missing.isEmpty()) {
            return Check.pass(name, party.identity() + " publishes camera and microphone", evidence);
        }
        long seconds = party.since() == null ? 0 : Math.max(0, Duration.between(party.since(), now).toSeconds());
        return Check.warn(name, party.identity() + " joined at " + clock(party.since()) + " and has published no "
                + String.join(" and no ", missing) + " for " + seconds + " s", evidence);
    }

    Check roomName() {
        Set<String> others = timeline.stream().map(Observed::room).filter(r -> r != null && !r.equals(room))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (others.isEmpty()) {
            return Check.pass("room-name", "every webhook came from " + room, evidence());
        }
        List<String> events = timeline.stream().filter(e -> e.room() != null && !e.room().equals(room))
                .map(Observed::eventId).toList();
        return Check.fail("room-name", "webhooks came from room(s) " + others + " that only look like " + room
                + ": the pages did not join the same room", evidence("rooms", others, "events", events));
    }

    Check identityAndRole() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Observed e : timeline) {
            for (String problem : e.problems()) {
                if (!ROOM_PROBLEMS.contains(problem)) {
                    problems.computeIfAbsent(e.identity() + " (" + e.eventId() + ")", k -> new ArrayList<>()).add(problem);
                }
            }
        }
        if (problems.isEmpty()) {
            return Check.pass("identity-and-role", "every identity and its role metadata read cleanly", evidence());
        }
        boolean fatal = problems.values().stream().flatMap(List::stream).anyMatch(FATAL_PROBLEMS::contains);
        String detail = "problems with identities or role metadata: " + problems;
        return fatal ? Check.fail("identity-and-role", detail, evidence("problems", problems))
                : Check.warn("identity-and-role", detail, evidence("problems", problems));
    }

    Check duplicateIdentity() {
        List<Observed> kicks = timeline.stream().filter(e -> "DUPLICATE_IDENTITY".equals(e.disconnectReason())).toList();
        if (kicks.isEmpty()) {
            return Check.pass("duplicate-identity", "no connection was replaced by a second one of the same identity", evidence());
        }
        return Check.warn("duplicate-identity", kicks.stream().map(e -> e.identity() + " at " + clock(e.occurredAt()))
                .collect(Collectors.joining(", ", "kicked as a duplicate identity (a second tab or device took over): ", "")),
                evidence("events", kicks.stream().map(Observed::eventId).toList()));
    }

    Check abortedConnections() {
        List<Observed> aborted = timeline.stream().filter(e -> e.is(".connection-aborted")).toList();
        if (aborted.isEmpty()) {
            return Check.pass("aborted-connections", "no connection was aborted", evidence());
        }
        return Check.warn("aborted-connections", aborted.stream().map(e -> e.identity() + " at " + clock(e.occurredAt()))
                .collect(Collectors.joining(", ", "connections aborted (network or ICE failure): ", "")),
                evidence("events", aborted.stream().map(Observed::eventId).toList()));
    }

    Check webhooks() {
        List<Observed> webhooks = timeline.stream().filter(e -> e.isWebhook() && !e.isReconciliation()).toList();
        if (!webhooks.isEmpty()) {
            Observed last = webhooks.get(webhooks.size() - 1);
            return Check.pass("webhooks", webhooks.size() + " webhook(s) received for this session, the last ("
                    + last.type() + ") at " + clock(last.receivedAt()), evidence("last", last.eventId()));
        }
        Optional<Instant> firstToken = timeline.stream().filter(Observed::isToken).map(Observed::receivedAt).min(Comparator.naturalOrder());
        if (firstToken.isPresent() && firstToken.get().plus(WEBHOOK_SILENCE).isBefore(now)) {
            return Check.fail("webhooks", "tokens were issued from " + clock(firstToken.get()) + " but LiveKit sent no webhook for "
                    + room + ": check that LiveKit's webhook URL points at presence-service and uses the same API key", evidence());
        }
        return Check.warn("webhooks", "no webhook received for " + room + " yet", evidence());
    }

    Check reconciliation() {
        List<Observed> corrections = timeline.stream()
                .filter(e -> e.isReconciliation() && e.outcome() != null && !e.outcome().startsWith("ignored")).toList();
        if (corrections.isEmpty()) {
            return Check.pass("reconciliation", "LiveKit's participant list never contradicted the webhooks", evidence());
        }
        return Check.warn("reconciliation", corrections.stream().map(e -> e.type().replace("rendezvous.participant.", "")
                + " of " + e.identity() + " at " + clock(e.receivedAt())).collect(Collectors.joining(", ",
                "reconciliation corrected what webhooks missed: ", "")), evidence("events", corrections.stream().map(Observed::eventId).toList()));
    }

    // --- the sentence -----------------------------------------------------------------------

    /** One sentence from the checks already made: why the session is (not) READY. */
    private String summary(Map<String, Check> checks) {
        if (session.status() == SessionStatus.READY) {
            String both = session.customer().identity() + " and " + session.mechanic().identity() + " are both in " + room;
            if (session.mediaReady()) {
                return "READY: " + both + ".";
            }
            String media = List.of("customer", "mechanic").stream().map(role -> checks.get(role + "-media"))
                    .filter(c -> c.status() != Check.Status.PASS).map(Check::detail).collect(Collectors.joining("; "));
            return "READY, but not yet seen and heard: " + both + (media.isEmpty() ? "" : ", but " + media) + ".";
        }
        if (session.status() == SessionStatus.ENDED) {
            return "ENDED at " + clock(session.endedAt()) + " (" + session.endReason() + ").";
        }
        if (!livekit.reachable()) {
            return "Waiting: LiveKit cannot be reached at " + livekit.url() + " (" + livekit.error() + "), so nobody can join.";
        }
        List<String> missing = new ArrayList<>();
        if (!session.customer().present()) {
            missing.add("customer");
        }
        if (!session.mechanic().present()) {
            missing.add("mechanic");
        }
        return missing.stream().map(role -> whyMissing(role, checks)).collect(Collectors.joining(" "));
    }

    private String whyMissing(String role, Map<String, Check> checks) {
        String prefix = "Waiting for the " + role + ": ";
        Optional<Observed> elsewhere = timeline.stream().filter(e -> e.isJoin() && mayBe(e, role) && e.room() != null
                && !e.room().equals(room)).reduce((a, b) -> b);
        if (elsewhere.isPresent()) {
            return prefix + elsewhere.get().identity() + " joined room " + elsewhere.get().room() + ", not " + room
                    + "; both pages must use the room token-service returns.";
        }
        Check joined = checks.get(role + "-joined");
        if (joined.status() == Check.Status.FAIL && joined.detail().contains("did not count")) {
            return prefix + joined.detail() + ".";
        }
        if (joined.status() == Check.Status.WARN) {
            return prefix + joined.detail() + "; they have not come back.";
        }
        Check token = checks.get(role + "-token");
        if (token.status() == Check.Status.FAIL) {
            return prefix + "no token was issued to " + party(role).userId() + "; their page has not asked token-service "
                    + "for one (or was refused).";
        }
        if (token.status() == Check.Status.WARN) {
            return prefix + token.detail() + ".";
        }
        Check webhooks = checks.get("webhooks");
        String tokenFact = "a token was issued to " + token.evidence().get("identity") + " at "
                + clock((Instant) token.evidence().get("issuedAt"));
        if (webhooks.status() == Check.Status.FAIL) {
            return prefix + tokenFact + " but LiveKit has sent no webhook for " + room
                    + "; check LiveKit's webhook URL and API key.";
        }
        return prefix + tokenFact + " but LiveKit has not reported them joining " + room
                + "; check that their page connects to the LiveKit URL.";
    }

    // --- helpers ----------------------------------------------------------------------------

    private SessionView.Party party(String role) {
        return role.equals("customer") ? session.customer() : session.mechanic();
    }

    /** A join in this room, by this role, that the fold counted. */
    private boolean countedJoin(Observed e, String role) {
        return e.isJoin() && role.equals(e.role()) && room.equals(e.room())
                && e.outcome() != null && !e.outcome().startsWith("ignored");
    }

    /** Whether an event could be about this role: it says so, or its user is this role's. */
    private boolean mayBe(Observed e, String role) {
        return role.equals(e.role()) || (e.userId() != null && e.userId().equals(party(role).userId()));
    }

    private static String clock(Instant instant) {
        return instant == null ? "?" : CLOCK.format(instant);
    }

    private static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
