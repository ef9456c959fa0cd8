package dev.rendezvous.session.reconcile;

import dev.rendezvous.session.SessionStatus;
import dev.rendezvous.session.fold.Media;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.ParticipantSid;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.fold.Role;
import dev.rendezvous.session.fold.RolePresence;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.fold.SessionState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrectionsTest {

    private static final UUID ID = UUID.fromString("0b6c1f5e-3f1d-4d59-9f7e-6f0a1b2c3d4e");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(20);

    private static SessionState state(Map<String, ParticipantSid> sids, RolePresence customer, RolePresence mechanic,
                                      SessionStatus status) {
        return new SessionState(ID, "c1", "m1", status, 3, customer, mechanic, null, null, null, sids);
    }

    private static ListedParticipant listed(String sid, String identity, String metadata) {
        return new ListedParticipant(sid, identity, metadata, Map.of(), NOW.minusSeconds(60));
    }

    @Test
    void shouldTurnAParticipantLiveKitHasButTheStateLacksIntoAJoin() {
        SessionState waiting = state(Map.of(), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        List<PresenceEvent> corrections = Corrections.between(waiting,
                List.of(listed("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}")), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PresenceEvent.Kind.JOINED);
            assertThat(e.eventId()).isEqualTo("reconcile:" + ID + ":PA_c:joined");
            assertThat(e.role()).isEqualTo(Role.CUSTOMER);
            assertThat(e.userId()).isEqualTo("c1");
            assertThat(e.room()).isEqualTo("session-" + ID);
        });
        // Through the fold, the missed join makes the customer present.
        SessionState after = new SessionFold().apply(waiting, corrections.get(0)).state();
        assertThat(after.customer().present()).isTrue();
    }

    @Test
    void shouldBeATypedEventOfReconciliationWithTheRoleAsTheListingGaveIt() {
        SessionState waiting = state(Map.of(), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        List<PresenceEvent> corrections = Corrections.between(waiting,
                List.of(listed("PA_m", "customer-m1", "{\"role\":\"mechanic\",\"userId\":\"m1\"}")), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(PresenceEvent.Origin.RECONCILIATION);
            assertThat(e.type()).isEqualTo("rendezvous.participant.joined");
            assertThat(e.role()).isEqualTo(Role.MECHANIC);
            assertThat(e.roleSource()).isEqualTo("metadata");
            assertThat(e.problems()).containsExactly("role-contradiction");
        });
    }

    @Test
    void shouldRepairTracksTheWebhooksMissed() {
        SessionState waiting = state(Map.of(), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        ListedParticipant publishing = new ListedParticipant("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}",
                Map.of(), NOW.minusSeconds(60), Map.of("TR_cam", MediaSource.CAMERA, "TR_mic", MediaSource.MICROPHONE));
        SessionFold fold = new SessionFold();
        SessionState state = waiting;
        for (PresenceEvent correction : Corrections.between(waiting, List.of(publishing), NOW, GRACE)) {
            state = fold.apply(state, correction).state();
        }
        assertThat(state.customer().present()).isTrue();
        assertThat(state.customer().media()).isEqualTo(new Media(true, true));
        // The camera was turned off and its unpublish webhook lost: LiveKit no longer lists it.
        ListedParticipant microphoneOnly = new ListedParticipant("PA_c", "customer-c1", "", Map.of(), NOW.minusSeconds(60),
                Map.of("TR_mic", MediaSource.MICROPHONE));
        List<PresenceEvent> corrections = Corrections.between(state, List.of(microphoneOnly), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PresenceEvent.Kind.TRACK_UNPUBLISHED);
            assertThat(e.eventId()).isEqualTo("reconcile:" + ID + ":PA_c:TR_cam:unpublished");
        });
        assertThat(fold.apply(state, corrections.get(0)).state().customer().media()).isEqualTo(new Media(false, true));
    }

    private static ParticipantSid gone(String sid, Role role, String identity, String reason, Instant leftAt) {
        return new ParticipantSid(sid, role, identity, role == Role.CUSTOMER ? "c1" : "m1", false, leftAt.minusSeconds(300),
                leftAt, reason);
    }

    @Test
    void shouldEndASessionWhoseRoomHasListedNobodySinceEveryoneLeftLongerThanTheDepartureTimeout() {
        Duration departure = Duration.ofMinutes(5);
        SessionState everyoneLeft = state(Map.of("PA_c", gone("PA_c", Role.CUSTOMER, "customer-c1", "CLIENT_INITIATED",
                        NOW.minusSeconds(400)), "PA_m", gone("PA_m", Role.MECHANIC, "mechanic-m1", "CLIENT_INITIATED", NOW.minusSeconds(301))),
                RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        List<PresenceEvent> corrections = Corrections.between(everyoneLeft, List.of(), NOW, GRACE, departure);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PresenceEvent.Kind.ENDED);
            assertThat(e.reason()).isEqualTo("room-gone");
            assertThat(e.eventId()).isEqualTo("reconcile:" + ID + ":room-gone");
        });
        SessionState ended = new SessionFold().apply(everyoneLeft, corrections.get(0)).state();
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.endReason()).isEqualTo("room-gone");

        SessionState leftMomentsAgo = state(Map.of("PA_m", gone("PA_m", Role.MECHANIC, "mechanic-m1", "CLIENT_INITIATED",
                NOW.minusSeconds(200))), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(leftMomentsAgo, List.of(), NOW, GRACE, departure)).isEmpty();
        assertThat(Corrections.between(everyoneLeft, List.of(listed("PA_x", "customer-c1", "")), NOW, GRACE, departure))
                .noneMatch(e -> e.kind() == PresenceEvent.Kind.ENDED);
        SessionState neverJoined = state(Map.of(), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(neverJoined, List.of(), NOW, GRACE, departure)).as("expiry's business").isEmpty();
    }

    @Test
    void shouldReleaseARoleHeldByADuplicateIdentityKickWhoseReplacementNeverShowed() {
        // The mechanic's first tab was kicked by a second one whose join and leave webhooks were both lost.
        SessionState held = state(Map.of("PA_c", new ParticipantSid("PA_c", Role.CUSTOMER, "customer-c1", "c1", true,
                        NOW.minusSeconds(600), null, null),
                "PA_m1", gone("PA_m1", Role.MECHANIC, "mechanic-m1", "DUPLICATE_IDENTITY", NOW.minusSeconds(120))),
                new RolePresence(true, "customer-c1", NOW.minusSeconds(600)),
                new RolePresence(true, "mechanic-m1", NOW.minusSeconds(500)), SessionStatus.READY);
        List<ListedParticipant> onlyTheCustomer = List.of(listed("PA_c", "customer-c1", "{\"role\":\"customer\",\"userId\":\"c1\"}"));
        List<PresenceEvent> corrections = Corrections.between(held, onlyTheCustomer, NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PresenceEvent.Kind.LEFT);
            assertThat(e.participantSid()).isEqualTo("PA_m1");
            assertThat(e.reason()).isEqualTo(Corrections.REASON);
        });
        SessionState after = new SessionFold().apply(held, corrections.get(0)).state();
        assertThat(after.mechanic().present()).isFalse();
        assertThat(after.status()).isEqualTo(SessionStatus.WAITING);
        // While LiveKit still lists that identity (the newer tab is there), the wait goes on.
        List<ListedParticipant> newerTabListed = List.of(onlyTheCustomer.get(0), new ListedParticipant("PA_m2", "mechanic-m1", "",
                Map.of(), NOW.minusSeconds(2)));
        assertThat(Corrections.between(held, newerTabListed, NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldLeaveAJoinListedMomentsAgoToItsWebhook() {
        SessionState waiting = state(Map.of(), RolePresence.ABSENT, RolePresence.ABSENT, SessionStatus.WAITING);
        ListedParticipant fresh = new ListedParticipant("PA_c", "customer-c1", "", Map.of(), NOW.minusSeconds(2));
        assertThat(Corrections.between(waiting, List.of(fresh), NOW, GRACE)).isEmpty();
    }

    @Test
    void shouldReadTheRoleFromTheIdentityWhenMetadataIsMissing() {
        assertThat(listed("PA_m", "mechanic-m1", "").reading().role()).isEqualTo(Role.MECHANIC);
        assertThat(listed("PA_m", "mechanic-m1", "").reading().userId()).isEqualTo("m1");
        assertThat(listed("PA_x", "someone", "not json").reading().role()).isNull();
    }

    @Test
    void shouldTurnAGhostIntoALeaveOnlyAfterTheGracePeriod() {
        ParticipantSid old = new ParticipantSid("PA_ghost", Role.MECHANIC, "mechanic-m1", "m1", true,
                NOW.minusSeconds(60), null, null);
        ParticipantSid fresh = new ParticipantSid("PA_fresh", Role.CUSTOMER, "customer-c1", "c1", true,
                NOW.minusSeconds(5), null, null);
        SessionState ready = state(Map.of("PA_ghost", old, "PA_fresh", fresh),
                new RolePresence(true, "customer-c1", NOW.minusSeconds(5)),
                new RolePresence(true, "mechanic-m1", NOW.minusSeconds(60)), SessionStatus.READY);
        List<PresenceEvent> corrections = Corrections.between(ready, List.of(), NOW, GRACE);
        assertThat(corrections).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PresenceEvent.Kind.LEFT);
            assertThat(e.participantSid()).isEqualTo("PA_ghost");
            assertThat(e.reason()).isEqualTo(Corrections.REASON);
        });
        SessionState after = new SessionFold().apply(ready, corrections.get(0)).state();
        assertThat(after.status()).isEqualTo(SessionStatus.WAITING);
    }

    @Test
    void shouldCorrectNothingWhenLiveKitAgrees() {
        ParticipantSid c = new ParticipantSid("PA_c", Role.CUSTOMER, "customer-c1", "c1", true, NOW.minusSeconds(60), null, null);
        ParticipantSid gone = new ParticipantSid("PA_gone", Role.CUSTOMER, "customer-c1", "c1", false,
                NOW.minusSeconds(90), NOW.minusSeconds(70), "CLIENT_INITIATED");
        SessionState waiting = state(Map.of("PA_c", c, "PA_gone", gone), new RolePresence(true, "customer-c1", NOW),
                RolePresence.ABSENT, SessionStatus.WAITING);
        assertThat(Corrections.between(waiting, List.of(listed("PA_c", "customer-c1", "")), NOW, GRACE)).isEmpty();
    }
}
