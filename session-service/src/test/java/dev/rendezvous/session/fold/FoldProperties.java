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
 * customer and mechanic (each with several tabs), a stranger, AI agents (one claiming the mechanic's
 * role and user), a recorder and a phone leg. After every event the contract's invariants hold:
 * a sid that left never comes back; only STANDARD participants of roster users count; READY iff every
 * required role is present; others are exactly the services in the room; recording iff a recorder is
 * there; the version moves by one exactly when the snapshot changes.
 */
class FoldProperties {

    private static final UUID ID = UUID.fromString("5e0c1f0e-2d55-4b8e-9a55-3d2f3c4b5a63");
    private static final RoomName ROOM = RoomName.of(ID);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(2));

    /** Who may be in the room: each a fixed sid with its identity, kind, claimed role and user. */
    private record Member(String sid, String identity, ParticipantKind kind, Role role, String userId) {
        Participant participant() {
            return new Participant(ROOM, new Sid(sid), new Identity(identity), role, role == null ? "none" : "metadata", userId,
                    List.of(), kind);
        }

        boolean countsFor(Role of) {
            return kind.isPerson() && role == of && (of == Role.CUSTOMER ? "c1" : "m1").equals(userId);
        }
    }

    private static final List<Member> MEMBERS = List.of(
            new Member("PA_c1", "customer-c1", ParticipantKind.STANDARD, Role.CUSTOMER, "c1"),
            new Member("PA_c2", "customer-c1", ParticipantKind.STANDARD, Role.CUSTOMER, "c1"),
            new Member("PA_m1", "mechanic-m1", ParticipantKind.STANDARD, Role.MECHANIC, "m1"),
            new Member("PA_m2", "mechanic-m1", ParticipantKind.STANDARD, Role.MECHANIC, "m1"),
            new Member("PA_eve", "mechanic-eve", ParticipantKind.STANDARD, Role.MECHANIC, "eve"),
            new Member("PA_ag1", "agent-AJ_1", ParticipantKind.AGENT, Role.MECHANIC, "m1"),
            new Member("PA_ag2", "agent-AJ_2", ParticipantKind.AGENT, null, null),
            new Member("PA_eg", "EG_rec", ParticipantKind.EGRESS, null, null),
            new Member("PA_sip", "sip-+4930", ParticipantKind.SIP, Role.CUSTOMER, "c1"));

    private record Step(Member member, boolean joins) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(MEMBERS), Arbitraries.of(true, true, false)).as(Step::new).list().ofMaxSize(40);
    }

    @Property(tries = 400)
    void shouldKeepTheContractAfterEveryEvent(@ForAll("steps") List<Step> steps) {
        SessionFold fold = new SessionFold(Set.of(), TIMEOUTS);
        SessionState state = SessionState.created(ID, "c1", "m1", T0.minusSeconds(60));
        Map<String, Boolean> activeByModel = new HashMap<>();   // sid -> active; absent: never seen
        int second = 0;
        for (Step step : steps) {
            Member m = step.member();
            Instant at = T0.plusSeconds(++second);
            SessionEvent event = step.joins()
                    ? new Joined("ev-" + second, Origin.WEBHOOK, at, m.participant())
                    : new Left("ev-" + second, Origin.WEBHOOK, at, m.participant(), "CLIENT_INITIATED", false);
            FoldResult result = fold.apply(state, event);
            boolean admitted = !m.kind().isPerson() || m.countsFor(m.role());
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
            for (Role role : List.of(Role.CUSTOMER, Role.MECHANIC)) {
                boolean present = MEMBERS.stream().anyMatch(x -> x.countsFor(role) && activeByModel.getOrDefault(x.sid(), false));
                assertThat(state.presenceOf(role).present()).as("%s present", role).isEqualTo(present);
            }
            assertThat(state.status()).isEqualTo(state.customer().present() && state.mechanic().present()
                    ? SessionStatus.READY : SessionStatus.WAITING);
            Set<String> services = MEMBERS.stream().filter(x -> !x.kind().isPerson() && activeByModel.getOrDefault(x.sid(), false))
                    .map(Member::sid).collect(Collectors.toSet());
            assertThat(state.others()).extracting(s -> s.sid().value()).containsExactlyInAnyOrderElementsOf(services);
            assertThat(state.recording()).isEqualTo(services.contains("PA_eg"));
            assertThat(state.sids()).doesNotContainKey(new Sid("PA_eve"));
        }
    }
}
