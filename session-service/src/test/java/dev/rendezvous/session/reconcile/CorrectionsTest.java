package dev.rendezvous.session.reconcile;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.Media;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.Member;
import dev.rendezvous.session.fold.Reception;
import dev.rendezvous.session.fold.RolePresence;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionEvent.Kind;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.SidState;
import dev.rendezvous.session.fold.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrectionsTest {

    private static final UUID ID = UUID.fromString("0b6c1f5e-3f1d-4d59-9f7e-6f0a1b2c3d4e");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(20);

    private static SessionState state(List<SidState> sids, RolePresence customer, RolePresence mechanic, SessionStatus status) {
        Map<Sid, SidState> bySid = new HashMap<>();
        sids.forEach(s -> bySid.put(s.sid(), s));
        return new SessionState(ID, List.of(new Member("c1", Role.CUSTOMER, customer, Reception.NONE),
                new Member("m1", Role.MECHANIC, mechanic, Reception.NONE)), NOW.minusSeconds(3600), status, 3, false, null, null, null,
                customer.present() || mechanic.present() ? null : NOW.minusSeconds(3600), null, null, bySid);
    }

    private static SessionState nobody() {
        return state(List.of(), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
    }

    private static ListedParticipant listed(String sid, String identity, String metadata) {
        return new ListedParticipant(new Sid(sid), new Identity(identity), metadata, Map.of(), NOW.minusSeconds(60));
    }

    private static SidState sid(String sid, Role role, boolean active, Instant joinedAt, Instant leftAt, String reason) {
        return new SidState(new Sid(sid), role, Identity.of(role, role == Role.CUSTOMER ? "c1" : "m1"),
                role == Role.CUSTOMER ? "c1" : "m1", active, joinedAt, leftAt, reason, Map.of());
    }

    private static RolePresence present(Role role, Instant since) {
        return new RolePresence(true, Identity.of(role, role == Role.CUSTOMER ? "c1" : "m1"), since);
    }

    @Test
    void shouldTurnAParticipantLiveKitHasButTheStateLacksIntoAJoin() {
        List<SessionEvent> corrections = Corrections.between(nobody(),
                List.of(listed("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}")), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.JOINED);
            assertThat(e.eventId()).isEqualTo("reconcile:" + ID + ":PA_c:joined");
            SessionEvent.Participant who = ((SessionEvent.Joined) e).who();
            assertThat(who.role()).isEqualTo(Role.CUSTOMER);
            assertThat(who.userId()).isEqualTo("c1");
            assertThat(who.room().value()).isEqualTo("session-" + ID);
        });
        // Through the fold, the missed join makes the customer present.
        SessionState after = new SessionFold().apply(nobody(), corrections.get(0)).state();
        assertThat(after.customer().present()).isTrue();
    }

    @Test
    void shouldBeATypedEventOfReconciliationWithTheRoleAsTheListingGaveIt() {
        List<SessionEvent> corrections = Corrections.between(nobody(),
                List.of(listed("PA_m", "customer-m1", "{\"role\":\"mechanic\",\"userId\":\"m1\"}")), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(Origin.RECONCILIATION);
            assertThat(e.kind().type()).isEqualTo("rendezvous.participant.joined");
            SessionEvent.Participant who = ((SessionEvent.Joined) e).who();
            assertThat(who.role()).isEqualTo(Role.MECHANIC);
            assertThat(who.roleSource()).isEqualTo("metadata");
            assertThat(who.problems()).containsExactly("role-contradiction");
        });
    }

    @Test
    void shouldNotLetALaggardListedWithoutAUserCountForAnyone() {
        // LiveKit lists a participant claiming the mechanic with no user id: its correction counts for nobody.
        List<SessionEvent> corrections = Corrections.between(nobody(),
                List.of(listed("PA_x", "intruder", "{\"role\":\"mechanic\"}")), NOW, GRACE);
        var result = new SessionFold().apply(nobody(), corrections.get(0));
        assertThat(result.verdict()).isEqualTo(Verdict.USER_UNREADABLE);
        assertThat(result.state().mechanic().present()).isFalse();
    }

    @Test
    void shouldRepairTracksTheWebhooksMissed() {
        ListedParticipant publishing = new ListedParticipant(new Sid("PA_c"), new Identity("customer-c1"),
                "{\"role\":\"customer\",\"userId\":\"c1\"}", Map.of(), NOW.minusSeconds(60),
                Map.of("TR_cam", MediaSource.CAMERA, "TR_mic", MediaSource.MICROPHONE));
        SessionFold fold = new SessionFold();
        SessionState state = nobody();
        for (SessionEvent correction : Corrections.between(nobody(), List.of(publishing), NOW, GRACE)) {
            state = fold.apply(state, correction).state();
        }
        assertThat(state.customer().present()).isTrue();
        assertThat(state.customer().media()).isEqualTo(new Media(true, true));
        // The camera was turned off and its unpublish webhook lost: LiveKit no longer lists it.
        ListedParticipant microphoneOnly = new ListedParticipant(new Sid("PA_c"), new Identity("customer-c1"), "", Map.of(),
                NOW.minusSeconds(60), Map.of("TR_mic", MediaSource.MICROPHONE));
        List<SessionEvent> corrections = Corrections.between(state, List.of(microphoneOnly), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.TRACK_UNPUBLISHED);
            assertThat(e.eventId()).isEqualTo("reconcile:" + ID + ":PA_c:TR_cam:unpublished");
        });
        assertThat(fold.apply(state, corrections.get(0)).state().customer().media()).isEqualTo(new Media(false, true));
    }

    @Test
    void shouldNeverEndASessionWhateverTheRoomLists() {
        // Everyone left long ago and LiveKit has no room: a room never ends a session (people or time do).
        SessionState everyoneLeft = state(List.of(sid("PA_c", Role.CUSTOMER, false, NOW.minusSeconds(700), NOW.minusSeconds(400),
                "CLIENT_INITIATED"), sid("PA_m", Role.MECHANIC, false, NOW.minusSeconds(600), NOW.minusSeconds(301), "CLIENT_INITIATED")),
                RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(everyoneLeft, List.of(), NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldReleaseARoleHeldByADuplicateIdentityKickWhoseReplacementNeverShowed() {
        // The mechanic's first tab was kicked by a second one whose join and leave webhooks were both lost.
        SessionState held = state(List.of(sid("PA_c", Role.CUSTOMER, true, NOW.minusSeconds(600), null, null),
                        sid("PA_m1", Role.MECHANIC, false, NOW.minusSeconds(420), NOW.minusSeconds(120), "DUPLICATE_IDENTITY")),
                present(Role.CUSTOMER, NOW.minusSeconds(600)), present(Role.MECHANIC, NOW.minusSeconds(500)), SessionStatus.READY);
        List<ListedParticipant> onlyTheCustomer = List.of(listed("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}"));
        List<SessionEvent> corrections = Corrections.between(held, onlyTheCustomer, NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.LEFT);
            assertThat(((SessionEvent.Left) e).who().sid()).isEqualTo(new Sid("PA_m1"));
            assertThat(((SessionEvent.Left) e).reason()).isEqualTo(Corrections.REASON);
        });
        SessionState after = new SessionFold().apply(held, corrections.get(0)).state();
        assertThat(after.mechanic().present()).isFalse();
        assertThat(after.status()).isEqualTo(SessionStatus.WAITING);
        // While LiveKit still lists that identity (the newer tab is there), the wait goes on.
        List<ListedParticipant> newerTabListed = List.of(onlyTheCustomer.get(0), new ListedParticipant(new Sid("PA_m2"),
                new Identity("mechanic-m1"), "", Map.of(), NOW.minusSeconds(2)));
        assertThat(Corrections.between(held, newerTabListed, NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldLeaveAJoinListedMomentsAgoToItsWebhook() {
        ListedParticipant fresh = new ListedParticipant(new Sid("PA_c"), new Identity("customer-c1"), "", Map.of(), NOW.minusSeconds(2));
        assertThat(Corrections.between(nobody(), List.of(fresh), NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldReadTheRoleFromTheIdentityWhenMetadataIsMissing() {
        assertThat(listed("PA_m", "mechanic-m1", "").reading().role()).isEqualTo(Role.MECHANIC);
        assertThat(listed("PA_m", "mechanic-m1", "").reading().userId()).isEqualTo("m1");
        assertThat(listed("PA_x", "someone", "not json").reading().role()).isNull();
    }

    @Test
    void shouldTurnAGhostIntoALeaveOnlyAfterTheGracePeriod() {
        SessionState ready = state(List.of(sid("PA_ghost", Role.MECHANIC, true, NOW.minusSeconds(60), null, null),
                        sid("PA_fresh", Role.CUSTOMER, true, NOW.minusSeconds(5), null, null)),
                present(Role.CUSTOMER, NOW.minusSeconds(5)), present(Role.MECHANIC, NOW.minusSeconds(60)), SessionStatus.READY);
        List<SessionEvent> corrections = Corrections.between(ready, List.of(), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.LEFT);
            assertThat(((SessionEvent.Left) e).who().sid()).isEqualTo(new Sid("PA_ghost"));
        });
        SessionState after = new SessionFold().apply(ready, corrections.get(0)).state();
        assertThat(after.status()).isEqualTo(SessionStatus.WAITING);
    }

    @Test
    void shouldCorrectNothingWhenLiveKitAgrees() {
        SessionState waiting = state(List.of(sid("PA_c", Role.CUSTOMER, true, NOW.minusSeconds(60), null, null),
                        sid("PA_gone", Role.CUSTOMER, false, NOW.minusSeconds(90), NOW.minusSeconds(70), "CLIENT_INITIATED")),
                present(Role.CUSTOMER, NOW), RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(waiting, List.of(listed("PA_c", "customer-c1", "")), NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldBringBackASidOnlyReconciliationTookForGoneWhenLiveKitListsItAgain() {
        SessionState takenForGone = state(List.of(sid("PA_c", Role.CUSTOMER, false, NOW.minusSeconds(300), NOW.minusSeconds(30),
                SessionFold.NOT_IN_ROOM)), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        List<SessionEvent> corrections = Corrections.between(takenForGone,
                List.of(listed("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}")), NOW, GRACE);

        assertThat(corrections).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.JOINED));
        SessionState after = new SessionFold().apply(takenForGone, corrections.get(0)).state();
        assertThat(after.customer().present()).as("the wrong 'left' does not stay").isTrue();
    }

    @Test
    void shouldNeverBringBackASidAWebhookSaidLeft() {
        SessionState left = state(List.of(sid("PA_c", Role.CUSTOMER, false, NOW.minusSeconds(300), NOW.minusSeconds(30),
                "CLIENT_INITIATED")), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(left, List.of(listed("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}")),
                NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldMeasureTheGraceAgainstWhenLiveKitsListWasTaken() {
        // The list was asked for at NOW; the customer's join was folded 10 s before it, 30 s before the comparison.
        SessionState joined = state(List.of(sid("PA_c", Role.CUSTOMER, true, NOW.minusSeconds(10), null, null)),
                present(Role.CUSTOMER, NOW.minusSeconds(10)), RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(joined, List.of(), NOW, GRACE)).as("within the grace of the list's time").isEmpty();
        assertThat(Corrections.between(joined, List.of(), NOW.plusSeconds(15), GRACE)).hasSize(1);
    }
}
