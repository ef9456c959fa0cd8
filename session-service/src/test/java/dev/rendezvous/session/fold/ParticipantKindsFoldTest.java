package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.SessionEvent.DeadlineReached;
import dev.rendezvous.session.fold.SessionEvent.EndRequested;
import dev.rendezvous.session.fold.SessionEvent.Joined;
import dev.rendezvous.session.fold.SessionEvent.Left;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.SessionEvent.Participant;
import dev.rendezvous.session.fold.SessionEvent.TrackChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiveKit's participant kinds in the fold: only a person's page (STANDARD) of a roster user counts for a
 * role; an AI agent, a recorder, a phone leg never do, whatever role and user their token claims. They
 * are listed as others while in the room, and a recorder makes the session recording.
 */
class ParticipantKindsFoldTest {

    private static final UUID ID = UUID.fromString("0b4c1f0e-2d55-4b8e-9a55-3d2f3c4b5a62");
    private static final RoomName ROOM = RoomName.of(ID);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(2));

    private final SessionFold fold = new SessionFold(SessionFold.CAMERA_AND_MICROPHONE, TIMEOUTS);
    private int second;

    private SessionState state = SessionState.created(ID, "c1", "m1", T0.minusSeconds(60));

    private static Participant person(Role role, String sid) {
        String user = role == Role.CUSTOMER ? "c1" : "m1";
        return new Participant(ROOM, new Sid(sid), Identity.of(role, user), role, "metadata", user, List.of());
    }

    /** A service in the room; {@code claims} is the role (and the roster user) its token copied, or null. */
    private static Participant service(ParticipantKind kind, String identity, String sid, Role claims) {
        return new Participant(ROOM, new Sid(sid), new Identity(identity), claims, claims == null ? "none" : "metadata",
                claims == null ? null : claims == Role.CUSTOMER ? "c1" : "m1", List.of(), kind);
    }

    private FoldResult apply(SessionEvent event) {
        FoldResult result = fold.apply(state, event);
        assertThat(result.state().version()).isEqualTo(state.version() + (result.changed() ? 1 : 0));
        state = result.state();
        return result;
    }

    private Instant tick() {
        return T0.plusSeconds(++second);
    }

    private FoldResult join(Participant who) {
        return apply(new Joined("ev-join-" + who.sid().value(), Origin.WEBHOOK, tick(), who));
    }

    private FoldResult leave(Participant who) {
        return apply(new Left("ev-left-" + who.sid().value(), Origin.WEBHOOK, tick(), who, "CLIENT_INITIATED", false));
    }

    @Test
    void shouldNeverCountAnAgentThatClaimsTheMechanicsRoleAndUser() {
        join(person(Role.CUSTOMER, "PA_c"));
        FoldResult agent = join(service(ParticipantKind.AGENT, "agent-AJ_1", "PA_ag", Role.MECHANIC));

        assertThat(agent.changed()).as("the agent joining is a change of the snapshot: it is listed").isTrue();
        assertThat(state.status()).isEqualTo(SessionStatus.WAITING);
        assertThat(state.mechanic().present()).isFalse();
        assertThat(state.waiting().forRole()).isEqualTo(Role.MECHANIC);
        assertThat(state.others()).extracting(SidState::kind).containsExactly(ParticipantKind.AGENT);
        assertThat(state.recording()).isFalse();

        join(person(Role.MECHANIC, "PA_m"));
        assertThat(state.status()).isEqualTo(SessionStatus.READY);

        leave(service(ParticipantKind.AGENT, "agent-AJ_1", "PA_ag", Role.MECHANIC));
        assertThat(state.others()).isEmpty();
        assertThat(state.status()).as("the agent leaving takes nobody's presence").isEqualTo(SessionStatus.READY);
    }

    @Test
    void shouldSayRecordingWhileARecorderIsInTheRoom() {
        join(person(Role.CUSTOMER, "PA_c"));
        join(person(Role.MECHANIC, "PA_m"));
        long readyVersion = state.version();
        join(service(ParticipantKind.EGRESS, "EG_rec1", "PA_eg", null));
        assertThat(state.recording()).isTrue();
        assertThat(state.version()).isEqualTo(readyVersion + 1);
        assertThat(state.status()).isEqualTo(SessionStatus.READY);

        leave(service(ParticipantKind.EGRESS, "EG_rec1", "PA_eg", null));
        assertThat(state.recording()).isFalse();
        assertThat(state.version()).isEqualTo(readyVersion + 2);
    }

    @Test
    void shouldListNobodyAndRecordNothingOnceEnded() {
        join(service(ParticipantKind.EGRESS, "EG_rec1", "PA_eg", null));
        join(service(ParticipantKind.SIP, "sip-+4930123", "PA_sip", null));
        assertThat(state.others()).hasSize(2);
        apply(new EndRequested("ev-end", tick(), EndReason.ENDED_BY_BACKEND, "backend"));
        assertThat(state.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(state.others()).isEmpty();
        assertThat(state.recording()).isFalse();
    }

    @Test
    void shouldNotLetAnAgentsTracksMakeTheSessionMediaReady() {
        join(person(Role.CUSTOMER, "PA_c"));
        join(person(Role.MECHANIC, "PA_m"));
        Participant agent = service(ParticipantKind.AGENT, "agent-AJ_2", "PA_ag", Role.MECHANIC);
        join(agent);
        for (Participant who : List.of(person(Role.CUSTOMER, "PA_c"), agent)) {
            apply(new TrackChanged("ev-cam-" + who.sid().value(), Origin.WEBHOOK, tick(), who, "TR_cam_" + who.sid().value(),
                    MediaSource.CAMERA, true));
            apply(new TrackChanged("ev-mic-" + who.sid().value(), Origin.WEBHOOK, tick(), who, "TR_mic_" + who.sid().value(),
                    MediaSource.MICROPHONE, true));
        }
        assertThat(state.mechanic().media().camera()).isFalse();
        assertThat(state.mediaReady()).isFalse();
    }

    @Test
    void shouldKeepALeftServiceOutWhenItsJoinArrivesLate() {
        Participant recorder = service(ParticipantKind.EGRESS, "EG_late", "PA_eg", null);
        leave(recorder);
        join(recorder);
        assertThat(state.others()).isEmpty();
        assertThat(state.recording()).isFalse();
    }

    @Test
    void shouldEndASessionOnTimeThoughAnAgentStayedBehind() {
        join(person(Role.CUSTOMER, "PA_c"));
        join(service(ParticipantKind.AGENT, "agent-AJ_3", "PA_ag", null));
        leave(person(Role.CUSTOMER, "PA_c"));
        Instant emptySince = state.emptySince();
        assertThat(emptySince).as("an agent is nobody's presence").isNotNull();
        apply(new DeadlineReached("ev-deadline", emptySince.plus(TIMEOUTS.idle()).plusSeconds(1), true));
        assertThat(state.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(state.endReason()).isEqualTo(EndReason.ABANDONED);
    }

    @Test
    void shouldReadAKindFromItsNameAndNeverTakeAnUnknownOneForAPerson() {
        assertThat(ParticipantKind.fromWire(null)).isEqualTo(ParticipantKind.STANDARD);
        assertThat(ParticipantKind.fromWire("agent")).isEqualTo(ParticipantKind.AGENT);
        assertThat(ParticipantKind.fromWire("UNRECOGNIZED")).isEqualTo(ParticipantKind.OTHER);
        assertThat(ParticipantKind.fromWire("HOLOGRAM").isPerson()).isFalse();
    }
}
