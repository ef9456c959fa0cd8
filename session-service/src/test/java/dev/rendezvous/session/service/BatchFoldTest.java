package dev.rendezvous.session.service;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionEvent.Origin;
import dev.rendezvous.session.fold.SessionEvent.Participant;
import dev.rendezvous.session.fold.SessionFold;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionMember;
import dev.rendezvous.session.repository.SessionParticipant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One batch, several sessions interleaved: each folded in record order, each row written once. */
class BatchFoldTest {

    private final BatchFold fold = new BatchFold(new SessionFold(), view -> view.sessionId() + ":" + view.version());
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void shouldFoldEachSessionInRecordOrderAndWriteOneRowPerChange() {
        Session a = session();
        Session b = session();
        List<Envelope> events = List.of(
                joined(a, Role.CUSTOMER, "PA_a1"),
                joined(b, Role.MECHANIC, "PA_b1"),
                joined(a, Role.MECHANIC, "PA_a2"),
                left(a, Role.MECHANIC, "PA_a2"),
                new Envelope(null, joined(a, Role.CUSTOMER, "PA_x").event(), "{}"));

        BatchFold.Writes writes = fold.apply(events, Map.of(a.id, a, b.id, b), Map.of(), now);

        assertThat(writes.applied()).extracting(SessionWriter.Result::outcome).containsExactly(SessionWriter.Outcome.CHANGED,
                SessionWriter.Outcome.CHANGED, SessionWriter.Outcome.CHANGED, SessionWriter.Outcome.CHANGED,
                SessionWriter.Outcome.NO_SESSION);
        assertThat(writes.signals()).extracting(s -> s.sessionId + ":" + s.version + ":" + s.type).containsExactly(
                a.id + ":2:rendezvous.session.waiting", b.id + ":2:rendezvous.session.waiting",
                a.id + ":3:rendezvous.session.ready", a.id + ":4:rendezvous.session.waiting");
        assertThat(writes.signals()).extracting(s -> s.payload).startsWith(a.id + ":2");
        assertThat(writes.timeline()).extracting(t -> t.outcome).hasSize(5).last().isEqualTo("ignored:no-session-id");
        assertThat(writes.sessions()).extracting(s -> s.id + ":" + s.version + ":" + s.status)
                .containsExactlyInAnyOrder(a.id + ":4:WAITING", b.id + ":2:WAITING");
        assertThat(writes.participants()).extracting(p -> p.sid + ":" + p.active)
                .containsExactlyInAnyOrder("PA_a1:true", "PA_a2:false", "PA_b1:true");
    }

    @Test
    void shouldWriteOnlyTheSidsThatChanged() {
        Session a = session();
        SessionParticipant stored = new SessionParticipant();
        stored.sessionId = a.id;
        stored.sid = "PA_old";
        stored.role = "customer";
        stored.identity = "customer-c";
        stored.userId = "c";
        stored.active = false;
        stored.leftAt = now.minusSeconds(60);
        stored.leftReason = "left";

        BatchFold.Writes writes = fold.apply(List.of(joined(a, Role.CUSTOMER, "PA_old"), joined(a, Role.MECHANIC, "PA_new")),
                Map.of(a.id, a), Map.of(a.id, List.of(stored)), now);

        assertThat(writes.applied().get(0).outcome()).isEqualTo(SessionWriter.Outcome.UNCHANGED);
        assertThat(writes.participants()).extracting(p -> p.sid).containsExactly("PA_new");
    }

    @Test
    void shouldWriteOnlyTheMembersThatChanged() {
        Session a = session();

        BatchFold.Writes writes = fold.apply(List.of(joined(a, Role.MECHANIC, "PA_m")), Map.of(a.id, a), Map.of(), now);

        assertThat(writes.sessions()).hasSize(1);
        assertThat(writes.members()).singleElement().satisfies(m -> {
            assertThat(m.sessionId()).isEqualTo(a.id);
            assertThat(m.member().role()).isEqualTo("mechanic");
            assertThat(m.member().since()).isNotNull();
            assertThat(a.members.get(m.position()).role()).isEqualTo("mechanic");
        });
    }

    private Session session() {
        Session s = new Session();
        s.id = UUID.randomUUID();
        s.members.add(SessionMember.invited("c", "customer"));
        s.members.add(SessionMember.invited("m", "mechanic"));
        s.status = SessionStatus.WAITING;
        s.version = 1;
        s.createdAt = now.minusSeconds(600);
        s.emptySince = s.createdAt;
        return s;
    }

    private Envelope joined(Session s, Role role, String sid) {
        return new Envelope(s.id, new SessionEvent.Joined("EV_" + UUID.randomUUID(), Origin.WEBHOOK, now, who(s, role, sid)), "{}");
    }

    private Envelope left(Session s, Role role, String sid) {
        return new Envelope(s.id, new SessionEvent.Left("EV_" + UUID.randomUUID(), Origin.WEBHOOK, now, who(s, role, sid), null, false),
                "{}");
    }

    private static Participant who(Session s, Role role, String sid) {
        String user = s.members.stream().filter(m -> m.role().equals(role.wire())).findFirst().orElseThrow().userId();
        return new Participant(RoomName.of(s.id), new Sid(sid), Identity.of(role, user), role, "metadata", user, List.of());
    }
}
