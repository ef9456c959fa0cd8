package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.SessionEvent.Joined;
import dev.rendezvous.session.fold.SessionEvent.Left;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.SessionEvent.Participant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fold over generated sequences of joins and leaves of many participants at once: the roster's
 * customer and mechanic (each with several tabs), two supervisors (one with two tabs), strangers
 * claiming a mechanic's and a supervisor's role, AI agents (one claiming the mechanic's role and user,
 * one a supervisor's), a recorder and a phone leg. After every event the contract's invariants hold:
 * a sid that left never comes back; only STANDARD participants of roster members count, each for their
 * own member; READY iff every required role is present (a supervisor never counts, nor is waited for);
 * others are exactly the services in the room; recording iff a recorder is there; the version moves by
 * one exactly when the snapshot changes.
 */
class FoldProperties {

    private static final UUID ID = UUID.fromString("5e0c1f0e-2d55-4b8e-9a55-3d2f3c4b5a63");
    private static final RoomName ROOM = RoomName.of(ID);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(2));

    /** Who may be in the room: each a fixed sid with its identity, kind, claimed role and user. */
    private record Who(String sid, String identity, ParticipantKind kind, Role role, String userId) {
        Participant participant() {
            return new Participant(ROOM, new Sid(sid), new Identity(identity), role, role == null ? "none" : "metadata", userId,
                    List.of(), kind);
        }

        boolean countsFor(String member, Role of) {
            return kind.isPerson() && role == of && member.equals(userId);
        }

        boolean onRoster() {
            return ROSTER.stream().anyMatch(m -> countsFor(m.userId(), m.role()));
        }
    }

    private static final List<Who> PARTICIPANTS = List.of(
            new Who("PA_c1", "customer-c1", ParticipantKind.STANDARD, Role.CUSTOMER, "c1"),
            new Who("PA_c2", "customer-c1", ParticipantKind.STANDARD, Role.CUSTOMER, "c1"),
            new Who("PA_m1", "mechanic-m1", ParticipantKind.STANDARD, Role.MECHANIC, "m1"),
            new Who("PA_m2", "mechanic-m1", ParticipantKind.STANDARD, Role.MECHANIC, "m1"),
            new Who("PA_eve", "mechanic-eve", ParticipantKind.STANDARD, Role.MECHANIC, "eve"),
            new Who("PA_ag1", "agent-AJ_1", ParticipantKind.AGENT, Role.MECHANIC, "m1"),
            new Who("PA_ag2", "agent-AJ_2", ParticipantKind.AGENT, null, null),
            new Who("PA_eg", "EG_rec", ParticipantKind.EGRESS, null, null),
            new Who("PA_sip", "sip-+4930", ParticipantKind.SIP, Role.CUSTOMER, "c1"),
            new Who("PA_s1", "supervisor-s1", ParticipantKind.STANDARD, Role.SUPERVISOR, "s1"),
            new Who("PA_s1b", "supervisor-s1", ParticipantKind.STANDARD, Role.SUPERVISOR, "s1"),
            new Who("PA_s2", "supervisor-s2", ParticipantKind.STANDARD, Role.SUPERVISOR, "s2"),
            new Who("PA_sx", "supervisor-eve", ParticipantKind.STANDARD, Role.SUPERVISOR, "eve"),
            new Who("PA_ag3", "agent-AJ_3", ParticipantKind.AGENT, Role.SUPERVISOR, "s2"));

    /** A roster of three or more members: the two required roles and two supervisors. */
    private static final List<Member> ROSTER = List.of(Member.invited("c1", Role.CUSTOMER), Member.invited("m1", Role.MECHANIC),
            Member.invited("s1", Role.SUPERVISOR), Member.invited("s2", Role.SUPERVISOR));

    private record Step(Who who, boolean joins) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(PARTICIPANTS), Arbitraries.of(true, true, false)).as(Step::new).list().ofMaxSize(40);
    }

    @Property(tries = 400)
    void shouldKeepTheContractAfterEveryEvent(@ForAll("steps") List<Step> steps) {
        SessionFold fold = new SessionFold(Set.of(), TIMEOUTS);
        SessionState state = SessionState.created(ID, ROSTER, T0.minusSeconds(60));
        Map<String, Boolean> activeByModel = new HashMap<>();   // sid -> active; absent: never seen
        int second = 0;
        for (Step step : steps) {
            Who m = step.who();
            Instant at = T0.plusSeconds(++second);
            SessionEvent event = step.joins()
                    ? new Joined("ev-" + second, Origin.WEBHOOK, at, m.participant())
                    : new Left("ev-" + second, Origin.WEBHOOK, at, m.participant(), "CLIENT_INITIATED", false);
            FoldResult result = fold.apply(state, event);
            boolean admitted = !m.kind().isPerson() || m.onRoster();
            if (admitted) {
                Boolean before = activeByModel.get(m.sid());
                // A leave is final, even one that overtook its join; a join activates only a sid never seen.
                activeByModel.put(m.sid(), step.joins() ? before == null || before : false);
            }

            assertThat(result.state().version()).isEqualTo(state.version() + (result.changed() ? 1 : 0));
            assertThat(result.changed()).isEqualTo(!result.state().sameSnapshotAs(state));
            state = result.state();

            for (SidState sid : state.sids().values()) {
                assertThat(sid.active()).as("sid %s", sid.sid()).isEqualTo(activeByModel.getOrDefault(sid.sid().value(), false));
            }
            for (Member member : state.members()) {
                boolean present = PARTICIPANTS.stream().anyMatch(x -> x.countsFor(member.userId(), member.role())
                        && activeByModel.getOrDefault(x.sid(), false));
                assertThat(member.present()).as("%s %s present", member.role(), member.userId()).isEqualTo(present);
            }
            assertThat(state.members()).extracting(Member::userId).containsExactly("c1", "m1", "s1", "s2");
            assertThat(state.status()).isEqualTo(state.customer().present() && state.mechanic().present()
                    ? SessionStatus.READY : SessionStatus.WAITING);
            assertThat(state.waiting() == null ? null : state.waiting().forRole())
                    .isEqualTo(state.customer().present() == state.mechanic().present() ? null
                            : state.customer().present() ? Role.MECHANIC : Role.CUSTOMER);
            boolean anyonePresent = state.members().stream().anyMatch(Member::present);
            assertThat(state.emptySince() == null).as("empty since, while a member is present").isEqualTo(anyonePresent);
            Set<String> services = PARTICIPANTS.stream().filter(x -> !x.kind().isPerson() && activeByModel.getOrDefault(x.sid(), false))
                    .map(Who::sid).collect(Collectors.toSet());
            assertThat(state.others()).extracting(s -> s.sid().value()).containsExactlyInAnyOrderElementsOf(services);
            assertThat(state.recording()).isEqualTo(services.contains("PA_eg"));
            assertThat(state.sids()).doesNotContainKey(new Sid("PA_eve")).doesNotContainKey(new Sid("PA_sx"));
        }
    }
}
