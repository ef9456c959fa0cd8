package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.Reception;
import dev.rendezvous.session.fold.ReceptionProblem;
import dev.rendezvous.session.fold.SessionEvent.Kind;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionDiagnosisTest {

    private static final UUID ID = UUID.fromString("3f0c2b9e-8a8d-4d7c-a1f4-2b5e6c7d8e9f");
    private static final String ROOM = "session-" + ID;
    private static final Instant T = Instant.parse("2026-11-24T10:02:13Z");
    private static final LiveKitProbe LIVEKIT_UP = new LiveKitProbe("http://127.0.0.1:7880", null, List.of());

    private static final SessionSnapshot.Media NONE = new SessionSnapshot.Media(false, false);
    private static final SessionSnapshot.Media BOTH = new SessionSnapshot.Media(true, true);
    private static final SessionSnapshot.Receives RECEIVES_NOTHING = SessionSnapshot.Receives.NOTHING;

    private final List<Observed> timeline = new ArrayList<>();
    private final Map<Role, Facts.Tokens> tokens = new EnumMap<>(Role.class);
    private SessionSnapshot.Waiting waiting;
    private SessionSnapshot.Party customer = new SessionSnapshot.Party("c-7", false, null, null, NONE, RECEIVES_NOTHING);
    private SessionSnapshot.Party mechanic = new SessionSnapshot.Party("42", false, null, null, NONE, RECEIVES_NOTHING);
    private SessionStatus status = SessionStatus.WAITING;
    private Map<Role, Reception> receptions = Map.of();

    private void token(String role, String user, Instant at, Instant expires) {
        Role r = Role.fromWire(role).orElseThrow();
        Facts.Tokens before = tokens.get(r);
        tokens.put(r, new Facts.Tokens(role + "-" + user, ROOM, before == null ? at : before.firstIssuedAt(), at, expires,
                "tok-" + role + at, before == null ? 1 : before.minted() + 1));
    }

    private Observed event(String type, String room, String identity, String role, String reason, List<String> problems,
                           String outcome, Instant at) {
        String user = identity.contains("-") ? identity.substring(identity.indexOf('-') + 1) : null;
        return add(observed("EV_" + timeline.size(), type, room, identity, role, "metadata", user, reason, problems,
                at, at, outcome));
    }

    private Observed joined(String identity, String role, Instant at) {
        return event("rendezvous.participant.joined", ROOM, identity, role, null, List.of(), "counted", at);
    }

    /** A timeline event as the columns hold it, from the values a record of it would carry. */
    private static Observed observed(String eventId, String type, String room, String identity, String role, String roleSource,
                                     String userId, String reason, List<String> problems, Instant occurredAt,
                                     Instant receivedAt, String outcome) {
        Kind kind = java.util.Arrays.stream(Kind.values()).filter(k -> k.type().equals(type)).findFirst().orElseThrow();
        Origin origin = eventId.startsWith("reconcile:") ? Origin.RECONCILIATION : Origin.WEBHOOK;
        return new Observed(eventId, type, kind, origin, room, identity, Role.fromWire(role).orElse(null), roleSource, userId,
                reason, problems, occurredAt, receivedAt, outcome, Verdict.ofCode(outcome).orElse(null), null);
    }

    private Observed add(Observed e) {
        timeline.add(e);
        return e;
    }

    private List<SessionSnapshot.Other> others = List.of();

    private DiagnosisReport report(LiveKitProbe probe, Instant now) {
        boolean mediaReady = status == SessionStatus.READY && customer.media().equals(BOTH) && mechanic.media().equals(BOTH);
        boolean seenAndHeard = mediaReady && customer.receives().both() && mechanic.receives().both();
        boolean recording = others.stream().anyMatch(o -> o.kind().equals("EGRESS"));
        SessionSnapshot view = new SessionSnapshot(ID, status, 3, customer, mechanic, mediaReady, seenAndHeard, waiting, null, null,
                null, others, recording);
        return new SessionDiagnosis(view, timeline, tokens, receptions, probe, now).report();
    }

    private DiagnosisReport report() {
        return report(LIVEKIT_UP, T.plusSeconds(60));
    }

    private static Check check(DiagnosisReport report, String name) {
        return report.checks().stream().filter(c -> c.check().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassEveryCheckWhileReadyAndBothPagesPlayTheOther() {
        token("customer", "c-7", T, T.plusSeconds(600));
        token("mechanic", "42", T, T.plusSeconds(600));
        joined("customer-c-7", "customer", T.plusSeconds(5));
        joined("mechanic-42", "mechanic", T.plusSeconds(9));
        receptions = Map.of(Role.CUSTOMER, new Reception(true, true, null, T.plusSeconds(12)),
                Role.MECHANIC, new Reception(true, true, null, T.plusSeconds(13)));
        bothInTheRoomPublishing();
        DiagnosisReport report = report(new LiveKitProbe("http://127.0.0.1:7880", null, List.of("customer-c-7", "mechanic-42")),
                T.plusSeconds(60));
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).as(c.check() + ": " + c.detail()).isEqualTo(Check.Status.PASS));
        assertThat(check(report, "mechanic-reception").reason()).isEqualTo(Reason.SEES_AND_HEARS);
        assertThat(report.summary()).isEqualTo("READY: customer-c-7 and mechanic-42 are both in " + ROOM
                + ", and each sees and hears the other.");
    }

    @Test
    void shouldSayTheMechanicMustClickWhenTheirBrowserBlockedSound() {
        joined("customer-c-7", "customer", T.plusSeconds(5));
        joined("mechanic-42", "mechanic", T.plusSeconds(9));
        receptions = Map.of(Role.CUSTOMER, new Reception(true, true, null, T.plusSeconds(12)),
                Role.MECHANIC, new Reception(true, false, ReceptionProblem.AUTOPLAY_BLOCKED, T.plusSeconds(13)));
        bothInTheRoomPublishing();
        DiagnosisReport report = report();
        assertThat(check(report, "customer-reception").status()).isEqualTo(Check.Status.PASS);
        Check mechanic = check(report, "mechanic-reception");
        assertThat(mechanic.status()).isEqualTo(Check.Status.FAIL);
        assertThat(mechanic.reason()).isEqualTo(Reason.AUTOPLAY_BLOCKED);
        assertThat(mechanic.evidence()).containsEntry("video", true).containsEntry("audio", false)
                .containsEntry("problem", "autoplay-blocked");
        assertThat(report.summary()).isEqualTo("The mechanic's browser blocked sound: they need to click to hear the customer.");
    }

    @Test
    void shouldNameEachPageThatPlaysNothingOrHasNotReported() {
        joined("customer-c-7", "customer", T.plusSeconds(5));
        joined("mechanic-42", "mechanic", T.plusSeconds(9));
        receptions = Map.of(Role.CUSTOMER, Reception.NONE, Role.MECHANIC, new Reception(false, true, null, T.plusSeconds(13)));
        bothInTheRoomPublishing();
        DiagnosisReport report = report();
        assertThat(check(report, "customer-reception").reason()).isEqualTo(Reason.RECEPTION_NOT_REPORTED);
        assertThat(check(report, "customer-reception").status()).isEqualTo(Check.Status.WARN);
        assertThat(check(report, "mechanic-reception").reason()).isEqualTo(Reason.NO_VIDEO_FRAMES);
        // The failure is the one to act on; a page that has not reported yet is named once nothing fails.
        assertThat(report.summary()).isEqualTo("The mechanic's page decodes no video frames from the customer: their tile stays "
                + "black.");
        receptions = Map.of(Role.CUSTOMER, Reception.NONE, Role.MECHANIC, Reception.NONE);
        bothInTheRoomPublishing();
        assertThat(report().summary()).isEqualTo("The customer's page has not reported what it plays of the mechanic (a page "
                + "with the browser module reports it on its own); and the mechanic's page has not reported what it plays of the "
                + "customer (a page with the browser module reports it on its own).");
    }

    @Test
    void shouldNotAskForReceptionUntilBothAreThere() {
        joined("customer-c-7", "customer", T.plusSeconds(5));
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T.plusSeconds(5), BOTH, RECEIVES_NOTHING);
        receptions = Map.of(Role.CUSTOMER, new Reception(false, false, ReceptionProblem.NOT_SUBSCRIBED, T.plusSeconds(6)), Role.MECHANIC, Reception.NONE);
        DiagnosisReport report = report();
        assertThat(check(report, "customer-reception").reason()).isEqualTo(Reason.RECEPTION_NOT_DUE);
        assertThat(check(report, "mechanic-reception").reason()).isEqualTo(Reason.RECEPTION_NOT_DUE);
    }

    @Test
    void shouldNotTakeAPagesReceptionProblemForAnIdentityProblem() {
        joined("customer-c-7", "customer", T.plusSeconds(5));
        joined("mechanic-42", "mechanic", T.plusSeconds(9));
        add(new Observed("rec-1", "rendezvous.reception.reported", Kind.RECEPTION_REPORTED, Origin.CALLER, null, null,
                Role.MECHANIC, null, "42", null, List.of("autoplay-blocked"), T.plusSeconds(12), T.plusSeconds(12), "counted",
                Verdict.COUNTED, new SessionSnapshot.Receives(true, false)));
        bothInTheRoomPublishing();
        DiagnosisReport report = report();
        assertThat(check(report, "identity-and-role").status()).as(check(report, "identity-and-role").detail())
                .isEqualTo(Check.Status.PASS);
    }

    @Test
    void shouldDrawEachRolesMomentsOnItsOwnLaneInTimeOrder() {
        token("customer", "c-7", T, T.plusSeconds(600));
        joined("mechanic-42", "mechanic", T.plusSeconds(9));
        joined("customer-c-7", "customer", T.plusSeconds(5));
        add(new Observed("rec-1", "rendezvous.reception.reported", Kind.RECEPTION_REPORTED, Origin.CALLER, null, null,
                Role.MECHANIC, null, "42", null, List.of("autoplay-blocked"), T.plusSeconds(12), T.plusSeconds(12), "counted",
                Verdict.COUNTED, new SessionSnapshot.Receives(true, false)));
        bothInTheRoomPublishing();
        List<Moments.Moment> moments = report().moments();
        assertThat(moments).extracting(Moments.Moment::what).containsExactly("token", "joined", "joined", "reception");
        assertThat(moments).extracting(Moments.Moment::role)
                .containsExactly(Role.CUSTOMER, Role.CUSTOMER, Role.MECHANIC, Role.MECHANIC);
        assertThat(moments.get(3).detail()).isEqualTo("page plays video, no sound (autoplay-blocked)");
    }

    private void bothInTheRoomPublishing() {
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T.plusSeconds(5), BOTH,
                new SessionSnapshot.Receives(reception(Role.CUSTOMER).video(), reception(Role.CUSTOMER).audio()));
        mechanic = new SessionSnapshot.Party("42", true, "mechanic-42", T.plusSeconds(9), BOTH,
                new SessionSnapshot.Receives(reception(Role.MECHANIC).video(), reception(Role.MECHANIC).audio()));
        status = SessionStatus.READY;
    }

    private Reception reception(Role role) {
        return receptions.getOrDefault(role, Reception.NONE);
    }

    @Test
    void shouldSayWhoIsPresentButNotSeenWhenACameraIsMissing() {
        joined("customer-c-7", "customer", T.plusSeconds(5));
        joined("mechanic-42", "mechanic", T.plusSeconds(9));
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T.plusSeconds(5), BOTH, RECEIVES_NOTHING);
        mechanic = new SessionSnapshot.Party("42", true, "mechanic-42", T.plusSeconds(9), new SessionSnapshot.Media(false, true),
                RECEIVES_NOTHING);
        status = SessionStatus.READY;
        DiagnosisReport report = report(LIVEKIT_UP, T.plusSeconds(49));
        assertThat(check(report, "customer-media").status()).isEqualTo(Check.Status.PASS);
        Check media = check(report, "mechanic-media");
        assertThat(media.status()).isEqualTo(Check.Status.WARN);
        assertThat(media.detail()).isEqualTo("mechanic-42 joined at 10:02:22 and has published no camera for 40 s");
        assertThat(report.summary()).isEqualTo("READY, but not yet seen and heard: customer-c-7 and mechanic-42 are both in "
                + ROOM + ", but mechanic-42 joined at 10:02:22 and has published no camera for 40 s.");
    }

    /** The summary is promised as one sentence: with both roles missing, their reasons are clauses of it. */
    @Test
    void shouldSummariseBothMissingRolesInOneSentence() {
        token("customer", "c-7", T, T.plusSeconds(600));
        token("mechanic", "42", T, T.plusSeconds(600));
        String summary = report().summary();
        assertThat(summary).contains("Waiting for the customer: ", "; and waiting for the mechanic: ").endsWith(".");
        assertThat(summary.substring(0, summary.length() - 1)).doesNotContain(". ").doesNotEndWith(".");
    }

    @Test
    void shouldNameTheMissingMechanicWhoHasATokenButNoJoin() {
        token("customer", "c-7", T, T.plusSeconds(600));
        joined("customer-c-7", "customer", T.plusSeconds(2));
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T.plusSeconds(2), BOTH, RECEIVES_NOTHING);
        token("mechanic", "42", T, T.plusSeconds(600));
        DiagnosisReport report = report();
        assertThat(check(report, "mechanic-token").status()).isEqualTo(Check.Status.PASS);
        assertThat(check(report, "mechanic-joined").status()).isEqualTo(Check.Status.FAIL);
        assertThat(check(report, "customer-joined").status()).isEqualTo(Check.Status.PASS);
        assertThat(report.summary()).isEqualTo("Waiting for the mechanic: a token was issued to mechanic-42 at 10:02:13 "
                + "but LiveKit has not reported them joining " + ROOM + "; check that their page connects to the LiveKit URL.");
    }

    @Test
    void shouldFailWhenLiveKitCannotBeReached() {
        DiagnosisReport report = report(new LiveKitProbe("http://127.0.0.1:1", "Connection refused", List.of()), T);
        assertThat(check(report, "livekit").status()).isEqualTo(Check.Status.FAIL);
        assertThat(check(report, "livekit").detail()).contains("Connection refused");
        assertThat(report.summary()).startsWith("Waiting: LiveKit cannot be reached at http://127.0.0.1:1");
    }

    @Test
    void shouldFailATokenNeverIssuedAndWarnOfOneExpiredUnused() {
        token("customer", "c-7", T, T.plusSeconds(600));
        DiagnosisReport report = report(LIVEKIT_UP, T.plusSeconds(900));
        assertThat(check(report, "customer-token").status()).isEqualTo(Check.Status.WARN);
        assertThat(check(report, "customer-token").detail()).contains("expired at 10:12:13 without being used");
        assertThat(check(report, "mechanic-token").status()).isEqualTo(Check.Status.FAIL);
        assertThat(report.summary()).contains("Waiting for the customer: the token issued to customer-c-7 at 10:02:13 expired")
                .contains("; and waiting for the mechanic: no token was issued to 42");
    }

    @Test
    void shouldReportARoomThatOnlyLooksLikeTheSessions() {
        token("mechanic", "42", T, T.plusSeconds(600));
        event("rendezvous.participant.joined", ID.toString(), "mechanic-42", "mechanic", null,
                List.of("room-name-not-canonical"), Verdict.OTHER_ROOM.code(), T.plusSeconds(3));
        DiagnosisReport report = report();
        assertThat(check(report, "room-name").status()).isEqualTo(Check.Status.FAIL);
        assertThat(check(report, "room-name").evidence().get("rooms").toString()).contains(ID.toString());
        assertThat(check(report, "identity-and-role").status()).isEqualTo(Check.Status.PASS);
        assertThat(report.summary()).contains("; and waiting for the mechanic: mechanic-42 joined room " + ID + ", not " + ROOM);
    }

    @Test
    void shouldFailAJoinWhoseRoleCouldNotBeRead() {
        add(observed("EV_0", "rendezvous.participant.joined", ROOM, "42", "unknown", "none", "42", null,
                List.of("identity-malformed", "role-missing"), T, T, Verdict.ROLE_UNREADABLE.code()));
        DiagnosisReport report = report();
        assertThat(check(report, "identity-and-role").status()).isEqualTo(Check.Status.FAIL);
        assertThat(check(report, "mechanic-joined").status()).isEqualTo(Check.Status.FAIL);
        assertThat(check(report, "mechanic-joined").detail())
                .contains("did not count: no role can be read from its metadata, attributes or identity");
    }

    @Test
    void shouldWarnOfContradictingMetadataOnly() {
        event("rendezvous.participant.joined", ROOM, "customer-c-7", "customer", null, List.of("role-contradiction"),
                "counted", T);
        assertThat(check(report(), "identity-and-role").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void shouldWarnOfTheSameUserInBothRoles() {
        mechanic = new SessionSnapshot.Party("c-7", false, null, null, NONE, RECEIVES_NOTHING);
        assertThat(check(report(), "roster").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void shouldWarnOfDuplicateIdentityKicksAndAbortedConnections() {
        DiagnosisReport clean = report();
        assertThat(check(clean, "duplicate-identity").status()).isEqualTo(Check.Status.PASS);
        assertThat(check(clean, "aborted-connections").status()).isEqualTo(Check.Status.PASS);
        event("rendezvous.participant.left", ROOM, "mechanic-42", "mechanic", "DUPLICATE_IDENTITY", List.of(), "counted", T);
        event("rendezvous.participant.connection-aborted", ROOM, "customer-c-7", "customer", null, List.of(), "counted", T);
        DiagnosisReport report = report();
        assertThat(check(report, "duplicate-identity").status()).isEqualTo(Check.Status.WARN);
        assertThat(check(report, "duplicate-identity").detail()).contains("mechanic-42 at 10:02:13");
        assertThat(check(report, "aborted-connections").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void shouldFailWhenTokensWereIssuedButNoWebhookEverCame() {
        token("customer", "c-7", T, T.plusSeconds(600));
        assertThat(check(report(LIVEKIT_UP, T.plusSeconds(10)), "webhooks").status()).isEqualTo(Check.Status.WARN);
        DiagnosisReport late = report(LIVEKIT_UP, T.plusSeconds(120));
        assertThat(check(late, "webhooks").status()).isEqualTo(Check.Status.FAIL);
        assertThat(late.summary()).contains("LiveKit has sent no webhook for " + ROOM);
        joined("customer-c-7", "customer", T.plusSeconds(3));
        assertThat(check(report(), "webhooks").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void shouldWarnOfCorrectionsMadeByReconciliation() {
        assertThat(check(report(), "reconciliation").status()).isEqualTo(Check.Status.PASS);
        add(observed("reconcile:PA_1:left", "rendezvous.participant.left", ROOM, "mechanic-42", "mechanic",
                "reconciliation", "42", "RECONCILED_NOT_IN_ROOM", List.of(), T, T, "counted"));
        assertThat(check(report(), "reconciliation").status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void shouldTellAMechanicWhoLeftAndDidNotComeBack() {
        joined("mechanic-42", "mechanic", T);
        event("rendezvous.participant.left", ROOM, "mechanic-42", "mechanic", "CLIENT_INITIATED", List.of(), "counted",
                T.plusSeconds(30));
        DiagnosisReport report = report();
        assertThat(check(report, "mechanic-joined").status()).isEqualTo(Check.Status.WARN);
        assertThat(report.summary()).contains("; and waiting for the mechanic: mechanic-42 joined at 10:02:13 and left at 10:02:43 (CLIENT_INITIATED)");
    }

    @Test
    void shouldReadAsAChecklist() {
        token("mechanic", "42", T, T.plusSeconds(600));
        String text = report().toText();
        assertThat(text).startsWith("Session " + ID + ": WAITING (version 3");
        assertThat(text).contains("\nWaiting for the customer: no token was issued to c-7");
        assertThat(text).contains("[PASS] livekit ").contains("[FAIL] customer-token ").contains("[PASS] mechanic-token ");
        assertThat(text.lines().filter(l -> l.startsWith("["))).hasSize(19);
    }

    /** An agent and a recorder are named as what they are: not uninvited, not the mechanic they claim to be. */
    @Test
    void shouldNameAgentsAndRecordersAsWhatTheyAre() {
        token("customer", "c-7", T, T.plusSeconds(600));
        joined("customer-c-7", "customer", T.plusSeconds(5));
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T.plusSeconds(5), BOTH, RECEIVES_NOTHING);
        add(new Observed("EV_agent", "rendezvous.participant.joined", Kind.JOINED, Origin.WEBHOOK, ROOM, "agent-AJ_1", Role.MECHANIC,
                "metadata", "42", null, List.of(), T.plusSeconds(7), T.plusSeconds(7), "counted", Verdict.COUNTED, null,
                ParticipantKind.AGENT));
        add(new Observed("EV_rec", "rendezvous.participant.joined", Kind.JOINED, Origin.WEBHOOK, ROOM, "EG_rec1", null,
                "none", null, null, List.of(), T.plusSeconds(8), T.plusSeconds(8), "counted", Verdict.COUNTED, null,
                ParticipantKind.EGRESS));
        others = List.of(new SessionSnapshot.Other("AGENT", "agent-AJ_1", T.plusSeconds(7)),
                new SessionSnapshot.Other("EGRESS", "EG_rec1", T.plusSeconds(8)));
        DiagnosisReport report = report();
        Check listed = check(report, "others");
        assertThat(listed.reason()).isEqualTo(Reason.RECORDING);
        assertThat(listed.detail()).contains("the call is being recorded", "an AI agent agent-AJ_1 since 10:02:20",
                "a recorder (LiveKit Egress) EG_rec1");
        assertThat(check(report, "uninvited").reason()).isEqualTo(Reason.NOBODY_UNINVITED);
        assertThat(check(report, "identity-and-role").reason()).isEqualTo(Reason.IDENTITIES_CLEAN);
        assertThat(check(report, "mechanic-joined").status()).as("the agent is not the mechanic").isEqualTo(Check.Status.FAIL);
    }

    @Test
    void shouldNameAParticipantWhoJoinedButCountedForNobody() {
        joined("customer-c-7", "customer", T);
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T, BOTH, RECEIVES_NOTHING);
        add(observed("EV_intruder", "rendezvous.participant.joined", ROOM, "intruder", "mechanic", "metadata", null, null,
                List.of("identity-malformed"), T.plusSeconds(5), T.plusSeconds(5), Verdict.USER_UNREADABLE.code()));
        add(observed("EV_impostor", "rendezvous.participant.joined", ROOM, "mechanic-eve", "mechanic", "identity", "eve", null,
                List.of(), T.plusSeconds(6), T.plusSeconds(6), Verdict.NOT_ON_ROSTER.code()));
        DiagnosisReport report = report();
        Check uninvited = check(report, "uninvited");
        assertThat(uninvited.status()).isEqualTo(Check.Status.WARN);
        assertThat(uninvited.reason()).isEqualTo(Reason.UNINVITED);
        assertThat(uninvited.detail()).contains("intruder at 10:02:18: it claims the mechanic (from metadata) but no user id can be "
                + "read, so it counts for nobody").contains("mechanic-eve at 10:02:19: it claims the mechanic (from identity) as "
                + "user eve, but the roster's mechanic is 42");
        assertThat(check(report, "mechanic-joined").status()).isEqualTo(Check.Status.FAIL);
        assertThat(report.status()).isEqualTo(SessionStatus.WAITING);
    }

    @Test
    void shouldSayTheLatePersonIsLateOnceTheWaitIsOverdue() {
        joined("customer-c-7", "customer", T);
        customer = new SessionSnapshot.Party("c-7", true, "customer-c-7", T, BOTH, RECEIVES_NOTHING);
        waiting = new SessionSnapshot.Waiting(Role.MECHANIC, T, false);
        assertThat(check(report(LIVEKIT_UP, T.plusSeconds(60)), "waiting").status()).isEqualTo(Check.Status.PASS);
        waiting = new SessionSnapshot.Waiting(Role.MECHANIC, T, true);
        DiagnosisReport late = report(LIVEKIT_UP, T.plusSeconds(200));
        assertThat(check(late, "waiting").status()).isEqualTo(Check.Status.WARN);
        assertThat(late.summary()).startsWith("The mechanic is late: the customer has waited for the mechanic since 10:02:13 (3 min)");
    }

    @Test
    void shouldCountTheTokensMinted() {
        token("customer", "c-7", T, T.plusSeconds(600));
        token("customer", "c-7", T.plusSeconds(30), T.plusSeconds(630));
        Check token = check(report(), "customer-token");
        assertThat(token.detail()).endsWith("(2 minted since 10:02:13)");
        assertThat(token.evidence()).containsEntry("minted", 2L);
    }
}
