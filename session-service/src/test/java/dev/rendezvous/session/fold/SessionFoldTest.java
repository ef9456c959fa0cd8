package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Identity;
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
import dev.rendezvous.session.fold.SessionEvent.ReceptionReported;
import dev.rendezvous.session.fold.SessionEvent.RoomFinished;
import dev.rendezvous.session.fold.SessionEvent.RoomStarted;
import dev.rendezvous.session.fold.SessionEvent.TrackChanged;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFoldTest {

    private static final UUID ID = UUID.fromString("7d7b8a7e-5a55-4a8e-9a55-0d2f3c4b5a61");
    private static final RoomName ROOM = RoomName.of(ID);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(2));

    private final SessionFold fold = new SessionFold(SessionFold.CAMERA_AND_MICROPHONE, TIMEOUTS);
    private final AtomicInteger clock = new AtomicInteger();

    /** A session created a minute before T0, nobody there yet. */
    private static SessionState waiting() {
        return SessionState.created(ID, "c1", "m1", T0.minusSeconds(60));
    }

    private static Participant who(Role role, String sid) {
        String user = role == Role.CUSTOMER ? "c1" : "m1";
        return new Participant(ROOM, new Sid(sid), Identity.of(role, user), role, "metadata", user, List.of());
    }

    private Instant tick() {
        return T0.plusSeconds(clock.incrementAndGet());
    }

    private SessionEvent join(Role role, String sid) {
        return new Joined("ev-joined-" + sid, Origin.WEBHOOK, tick(), who(role, sid));
    }

    private SessionEvent leave(Role role, String sid) {
        return new Left("ev-left-" + sid, Origin.WEBHOOK, tick(), who(role, sid), "CLIENT_INITIATED", false);
    }

    private SessionEvent aborted(Role role, String sid) {
        return new Left("ev-aborted-" + sid, Origin.WEBHOOK, tick(), who(role, sid), null, true);
    }

    /** The mechanic's event for a sid at a fixed second, e.g. a tab LiveKit kicks as DUPLICATE_IDENTITY. */
    private static SessionEvent mechanic(String eventId, boolean joins, String sid, String reason, long second) {
        return joins ? new Joined(eventId, Origin.WEBHOOK, T0.plusSeconds(second), who(Role.MECHANIC, sid))
                : new Left(eventId, Origin.WEBHOOK, T0.plusSeconds(second), who(Role.MECHANIC, sid), reason, false);
    }

    private static SidState sid(SessionState state, String sid) {
        return state.sids().get(new Sid(sid));
    }

    /** Folds the events in order; returns the final state and counts transitions into READY. */
    private Run run(SessionState start, List<SessionEvent> events) {
        SessionState state = start;
        int readyTransitions = 0;
        int changes = 0;
        for (SessionEvent e : events) {
            FoldResult result = fold.apply(state, e);
            if (result.changed()) {
                changes++;
                assertThat(result.state().version()).isEqualTo(state.version() + 1);
                if (result.state().status() == SessionStatus.READY && state.status() != SessionStatus.READY) {
                    readyTransitions++;
                }
            } else {
                assertThat(result.state().version()).isEqualTo(state.version());
            }
            state = result.state();
        }
        return new Run(state, readyTransitions, changes);
    }

    private record Run(SessionState state, int readyTransitions, int changes) {
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                all.add(p);
            }
        }
        return all;
    }

    @Nested
    class Presence {

        @Test
        void shouldBeReadyOnceBothRolesJoin() {
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m")));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.readyTransitions()).isEqualTo(1);
            assertThat(run.state().version()).isEqualTo(3);
            assertThat(run.state().readyAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(run.state().customer()).isEqualTo(new RolePresence(true, new Identity("customer-c1"), T0.plusSeconds(1)));
            assertThat(run.state().mechanic().identity()).isEqualTo(new Identity("mechanic-m1"));
        }

        @Test
        void shouldStayWaitingWithOneRole() {
            Run run = run(waiting(), List.of(join(Role.MECHANIC, "PA_m")));
            assertThat(run.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(run.state().mechanic().present()).isTrue();
            assertThat(run.state().customer().present()).isFalse();
            assertThat(run.changes()).isEqualTo(1);
        }

        @Test
        void shouldGoBackToWaitingWhenARoleLeaves() {
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    leave(Role.MECHANIC, "PA_m")));
            assertThat(run.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(run.state().readyAt()).isNull();
            assertThat(run.state().mechanic()).isEqualTo(new RolePresence(false, new Identity("mechanic-m1"), null));
            assertThat(sid(run.state(), "PA_m").leftReason()).isEqualTo("CLIENT_INITIATED");
        }

        @Test
        void shouldTreatAnAbortedConnectionAsALeave() {
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    aborted(Role.CUSTOMER, "PA_c")));
            assertThat(run.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(sid(run.state(), "PA_c").leftReason()).isEqualTo("connection-aborted");
        }

        @Test
        void shouldBeReadyAgainAfterARejoinUnderANewSid() {
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    leave(Role.MECHANIC, "PA_m"), join(Role.MECHANIC, "PA_m2")));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.readyTransitions()).isEqualTo(2);
        }
    }

    @Nested
    class DuplicatesAndReordering {

        @Test
        void shouldIgnoreADoubledDeliveryOfEveryEvent() {
            SessionEvent c = join(Role.CUSTOMER, "PA_c");
            SessionEvent m = join(Role.MECHANIC, "PA_m");
            SessionEvent l = leave(Role.MECHANIC, "PA_m");
            Run once = run(waiting(), List.of(c, m, l));
            Run twice = run(waiting(), List.of(c, c, m, m, l, l));
            assertThat(twice.state()).isEqualTo(once.state());
            assertThat(twice.readyTransitions()).isEqualTo(1);
            assertThat(twice.changes()).isEqualTo(once.changes());
        }

        @Test
        void shouldNeverReviveASidWhoseLeaveArrivedFirst() {
            SessionEvent j = join(Role.MECHANIC, "PA_m");
            SessionEvent l = leave(Role.MECHANIC, "PA_m");
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), l, j));
            assertThat(run.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(run.state().mechanic().present()).isFalse();
            assertThat(run.readyTransitions()).isZero();
            assertThat(sid(run.state(), "PA_m").active()).isFalse();
        }

        @Test
        void shouldBringBackASidOnlyReconciliationTookForGoneWhenReconciliationListsItAgain() {
            SessionEvent missing = new Left("reconcile:missing", Origin.RECONCILIATION, tick(), who(Role.MECHANIC, "PA_m"),
                    SessionFold.NOT_IN_ROOM, false);
            SessionEvent listedAgain = new Joined("reconcile:back", Origin.RECONCILIATION, tick(), who(Role.MECHANIC, "PA_m"));
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"), missing, listedAgain));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(sid(run.state(), "PA_m").active()).isTrue();
        }

        @Test
        void shouldKeepASidGoneOnceAWebhookSaysItLeftEvenIfReconciliationListsItAgain() {
            SessionEvent missing = new Left("reconcile:missing", Origin.RECONCILIATION, tick(), who(Role.MECHANIC, "PA_m"),
                    SessionFold.NOT_IN_ROOM, false);
            SessionEvent staleListing = new Joined("reconcile:back", Origin.RECONCILIATION, tick(), who(Role.MECHANIC, "PA_m"));
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"), missing,
                    leave(Role.MECHANIC, "PA_m"), staleListing));
            assertThat(run.state().mechanic().present()).isFalse();
            // And a webhook join never brings back a sid reconciliation took for gone: only LiveKit's list does.
            Run webhook = run(waiting(), List.of(join(Role.MECHANIC, "PA_m2"), new Left("reconcile:m2", Origin.RECONCILIATION,
                    tick(), who(Role.MECHANIC, "PA_m2"), SessionFold.NOT_IN_ROOM, false), join(Role.MECHANIC, "PA_m2")));
            assertThat(webhook.state().mechanic().present()).isFalse();
        }

        @Test
        void shouldEndAbsentForEveryOrderOfOneSidsJoinAndLeave() {
            SessionEvent j = join(Role.MECHANIC, "PA_m");
            SessionEvent l = leave(Role.MECHANIC, "PA_m");
            for (List<SessionEvent> order : permutations(List.of(j, l))) {
                assertThat(run(waiting(), order).state().mechanic().present()).as(order.toString()).isFalse();
            }
        }

        @Test
        void shouldReachTheSameStateForEveryOrderOfARejoin() {
            // The mechanic's first connection drops and they come back under a new sid; the old leave
            // may arrive before or after the new join.
            List<SessionEvent> events = List.of(join(Role.MECHANIC, "PA_old"), leave(Role.MECHANIC, "PA_old"),
                    join(Role.MECHANIC, "PA_new"));
            for (List<SessionEvent> order : permutations(events)) {
                SessionState end = run(waiting(), order).state();
                assertThat(end.mechanic().present()).as(order.toString()).isTrue();
                assertThat(end.mechanic().identity()).isEqualTo(new Identity("mechanic-m1"));
                assertThat(sid(end, "PA_new").active()).isTrue();
                assertThat(sid(end, "PA_old").active()).isFalse();
            }
        }
    }

    @Nested
    class SecondTab {

        private final SessionState customerPresent = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();

        @Test
        void shouldHoldReadyWhenTheOlderTabIsKickedAsDuplicateIdentity() {
            SessionEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            SessionEvent tab2 = join(Role.MECHANIC, "PA_tab2");
            SessionEvent kick = mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 99);
            Run run = run(customerPresent, List.of(tab1, tab2, kick));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.readyTransitions()).isEqualTo(1);
            assertThat(run.changes()).as("the second tab and the kick change nothing visible").isEqualTo(1);
            assertThat(run.state().mechanic().since()).isEqualTo(tab1.at());
        }

        @Test
        void shouldHoldReadyWhenTheKickArrivesBeforeTheNewTabsJoin() {
            SessionEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            SessionEvent kick = mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 98);
            SessionEvent tab2 = mechanic("ev-tab2", true, "PA_tab2", null, 99);
            Run run = run(customerPresent, List.of(tab1, kick, tab2));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.changes()).as("only the first join is visible").isEqualTo(1);
            assertThat(run.readyTransitions()).isEqualTo(1);
        }

        @Test
        void shouldGoAbsentWhenTheNewTabAlsoLeaves() {
            SessionEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            SessionEvent kick = mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 98);
            SessionEvent tab2 = mechanic("ev-tab2", true, "PA_tab2", null, 99);
            SessionEvent tab2Left = mechanic("ev-tab2-left", false, "PA_tab2", "CLIENT_INITIATED", 120);
            for (List<SessionEvent> order : permutations(List.of(kick, tab2, tab2Left))) {
                List<SessionEvent> events = new ArrayList<>(List.of(tab1));
                events.addAll(order);
                Run run = run(customerPresent, events);
                assertThat(run.state().status()).as(order.toString()).isEqualTo(SessionStatus.WAITING);
                assertThat(run.state().mechanic().present()).isFalse();
            }
        }

        @Test
        void shouldHoldReadyWhenAnOlderSidOfTheSameSecondHasLeft() {
            // LiveKit's times have one-second resolution: a connection that came and went in second 10,
            // then the tab that is kicked at 11 by a second tab whose join arrives after the kick.
            List<SessionEvent> events = List.of(mechanic("ev-old", true, "PA_old", null, 10),
                    mechanic("ev-old-left", false, "PA_old", "CLIENT_INITIATED", 10),
                    mechanic("ev-tab1", true, "PA_tab1", null, 10), join(Role.CUSTOMER, "PA_c"),
                    mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 11));
            Run run = run(waiting(), events);
            assertThat(run.state().status()).as("the kick awaits its replacement").isEqualTo(SessionStatus.READY);
            Run end = run(run.state(), List.of(mechanic("ev-tab2", true, "PA_tab2", null, 11)));
            assertThat(end.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.readyTransitions() + end.readyTransitions()).isEqualTo(1);
        }

        @Test
        void shouldNotMakeARoleAppearFromAKickAlone() {
            SessionEvent kick = mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 98);
            assertThat(run(customerPresent, List.of(kick)).state().mechanic().present()).isFalse();
        }

        @Test
        void shouldEndReadyForEveryOrderOfTheSecondTabSequence() {
            SessionEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            SessionEvent tab2 = join(Role.MECHANIC, "PA_tab2");
            SessionEvent kick = mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 99);
            for (List<SessionEvent> order : permutations(List.of(tab1, tab2, kick))) {
                Run run = run(customerPresent, order);
                assertThat(run.state().status()).as(order.toString()).isEqualTo(SessionStatus.READY);
                assertThat(sid(run.state(), "PA_tab2").active()).isTrue();
                assertThat(sid(run.state(), "PA_tab1").active()).isFalse();
            }
        }
    }

    @Nested
    class WhatDoesNotCount {

        @Test
        void shouldIgnoreEventsFromARoomThatOnlyLooksLikeTheSessions() {
            Participant elsewhere = new Participant(new RoomName(ID.toString()), new Sid("PA_x"), new Identity("customer-c1"),
                    Role.CUSTOMER, "metadata", "c1", List.of());
            FoldResult result = fold.apply(waiting(), new Joined("ev-x", Origin.WEBHOOK, T0, elsewhere));
            assertThat(result.changed()).isFalse();
            assertThat(result.verdict()).isEqualTo(Verdict.OTHER_ROOM);
        }

        @Test
        void shouldIgnoreAnUnknownRole() {
            Participant someone = new Participant(ROOM, new Sid("PA_x"), new Identity("someone"), null, "none", null, List.of());
            FoldResult result = fold.apply(waiting(), new Joined("ev-x", Origin.WEBHOOK, T0, someone));
            assertThat(result.changed()).isFalse();
            assertThat(result.verdict()).isEqualTo(Verdict.ROLE_UNREADABLE);
        }

        @Test
        void shouldIgnoreAUserWhoIsNotOnTheRosterForThatRole() {
            Participant intruder = new Participant(ROOM, new Sid("PA_x"), new Identity("mechanic-intruder"), Role.MECHANIC,
                    "identity", "intruder", List.of());
            FoldResult result = fold.apply(waiting(), new Joined("ev-x", Origin.WEBHOOK, T0, intruder));
            assertThat(result.changed()).isFalse();
            assertThat(result.verdict()).isEqualTo(Verdict.NOT_ON_ROSTER);
        }

        @Test
        void shouldCountAParticipantWhoseUserIdCannotBeReadForNobody() {
            // The intruder of the security report: a role in its metadata, no user id anywhere. It made the session READY.
            SessionState customerPresent = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();
            Participant intruder = new Participant(ROOM, new Sid("PA_intruder"), new Identity("intruder"), Role.MECHANIC,
                    "metadata", null, List.of("identity-malformed"));
            FoldResult joined = fold.apply(customerPresent, new Joined("ev-intruder", Origin.WEBHOOK, tick(), intruder));
            assertThat(joined.changed()).isFalse();
            assertThat(joined.verdict()).isEqualTo(Verdict.USER_UNREADABLE);
            assertThat(joined.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(joined.state().mechanic().present()).isFalse();
            assertThat(joined.state().sids()).doesNotContainKey(new Sid("PA_intruder"));
            FoldResult track = fold.apply(customerPresent, new TrackChanged("ev-intruder-cam", Origin.RECONCILIATION, tick(),
                    intruder, "TR_x", MediaSource.CAMERA, true));
            assertThat(track.verdict()).isEqualTo(Verdict.USER_UNREADABLE);
        }

        @Test
        void shouldLetASidAdmittedBeforeLeaveWhateverItsLeaveClaims() {
            // A sid counted before (an older rule, a reconciled join) leaves on its sid alone.
            SessionState present = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();
            Participant unreadable = new Participant(ROOM, new Sid("PA_c"), new Identity("customer-c1"), null, "none", null, List.of());
            FoldResult left = fold.apply(present, new Left("ev-left", Origin.WEBHOOK, tick(), unreadable, "CLIENT_INITIATED", false));
            assertThat(left.state().customer().present()).isFalse();
        }

        @Test
        void shouldOnlyRecordRoomStartedAndTracksWithoutAKnownSource() {
            for (SessionEvent e : List.<SessionEvent>of(new RoomStarted("ev-rs", T0, ROOM),
                    new TrackChanged("ev-t1", Origin.WEBHOOK, T0, who(Role.CUSTOMER, "PA_c"), "TR_1", null, true),
                    new TrackChanged("ev-t2", Origin.WEBHOOK, T0, who(Role.CUSTOMER, "PA_c"), null, MediaSource.CAMERA, false))) {
                FoldResult result = fold.apply(waiting(), e);
                assertThat(result.changed()).as(e.kind().name()).isFalse();
                assertThat(result.state()).isEqualTo(waiting());
                assertThat(result.verdict()).isEqualTo(Verdict.RECORDED);
            }
        }
    }

    @Nested
    class RoomFinishing {

        @Test
        void shouldMakeTheRoomsSidsLeaveAndKeepTheSessionOpen() {
            SessionState ready = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"))).state();
            FoldResult result = fold.apply(ready, new RoomFinished("ev-f", T0.plusSeconds(60), ROOM));
            assertThat(result.changed()).isTrue();
            assertThat(result.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(result.state().customer().present()).isFalse();
            assertThat(result.state().mechanic().present()).isFalse();
            assertThat(result.state().emptySince()).isEqualTo(T0.plusSeconds(60));
            assertThat(sid(result.state(), "PA_c").leftReason()).isEqualTo(SessionFold.ROOM_FINISHED);
        }

        @Test
        void shouldCountTheNextJoinsAsUsualAfterTheRoomFinished() {
            // The customer waited, closed the tab; LiveKit closed the empty room; both come back later.
            SessionState state = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c1"), leave(Role.CUSTOMER, "PA_c1"))).state();
            state = fold.apply(state, new RoomFinished("ev-f", tick(), ROOM)).state();
            Run later = run(state, List.of(join(Role.CUSTOMER, "PA_c2"), join(Role.MECHANIC, "PA_m")));
            assertThat(later.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(later.readyTransitions()).isEqualTo(1);
        }

        @Test
        void shouldNotTouchASidThatJoinedTheRoomLiveKitOpenedAgain() {
            SessionState state = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();
            SessionEvent finishedEarlier = new RoomFinished("ev-f", T0, ROOM); // before PA_c's join, delivered after it
            FoldResult result = fold.apply(state, finishedEarlier);
            assertThat(result.state().customer().present()).isTrue();
            assertThat(result.verdict()).isEqualTo(Verdict.RECORDED);
        }

        @Test
        void shouldReleaseARoleHeldForAKickedTab() {
            SessionState state = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), mechanic("ev-tab1", true, "PA_tab1", null, 5),
                    mechanic("ev-kick", false, "PA_tab1", "DUPLICATE_IDENTITY", 6))).state();
            assertThat(state.status()).as("the kick holds the mechanic present").isEqualTo(SessionStatus.READY);
            SessionState finished = fold.apply(state, new RoomFinished("ev-f", T0.plusSeconds(60), ROOM)).state();
            assertThat(finished.mechanic().present()).isFalse();
            assertThat(finished.customer().present()).isFalse();
        }

        @Test
        void shouldIgnoreAnotherRoomFinishing() {
            assertThat(fold.apply(waiting(), new RoomFinished("ev-f", T0, new RoomName("session-other"))).verdict())
                    .isEqualTo(Verdict.OTHER_ROOM);
        }
    }

    @Nested
    class Ending {

        @Test
        void shouldEndOnRequestWithTheReasonGiven() {
            FoldResult result = fold.apply(waiting(), new EndRequested("end-1", T0, EndReason.ENDED_BY_MECHANIC, "m1"));
            assertThat(result.state().status()).isEqualTo(SessionStatus.ENDED);
            assertThat(result.state().endReason()).isEqualTo(EndReason.ENDED_BY_MECHANIC);
            assertThat(result.state().version()).isEqualTo(2);
            assertThat(result.state().waiting()).isNull();
        }

        @Test
        void shouldChangeNothingAfterEnded() {
            SessionState ended = fold.apply(waiting(), new EndRequested("end-1", T0, EndReason.ENDED_BY_BACKEND, "backend-1")).state();
            for (SessionEvent e : List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    new EndRequested("end-2", T0, EndReason.ENDED_BY_CUSTOMER, "c1"),
                    new DeadlineReached("d", T0.plus(Duration.ofDays(1)), true))) {
                FoldResult result = fold.apply(ended, e);
                assertThat(result.changed()).isFalse();
                assertThat(result.verdict()).isEqualTo(Verdict.SESSION_ENDED);
                assertThat(result.state()).isEqualTo(ended);
            }
        }
    }

    @Nested
    class Deadlines {

        private final Instant createdAt = waiting().createdAt();

        @Test
        void shouldExpireASessionNobodyJoinedOnceItsNoShowDeadlinePassedAndTheRoomIsEmpty() {
            Instant due = createdAt.plus(TIMEOUTS.noShow());
            assertThat(fold.apply(waiting(), new DeadlineReached("d1", due.minusSeconds(1), true)).verdict()).isEqualTo(Verdict.NOT_DUE);
            FoldResult expired = fold.apply(waiting(), new DeadlineReached("d2", due, true));
            assertThat(expired.state().status()).isEqualTo(SessionStatus.ENDED);
            assertThat(expired.state().endReason()).isEqualTo(EndReason.EXPIRED);
            assertThat(expired.state().waiting()).as("nobody came: neither identity was ever seen").isNull();
        }

        @Test
        void shouldNeverEndOnTimeWhenLiveKitListedSomeoneOrWasNotAsked() {
            Instant late = createdAt.plus(Duration.ofDays(1));
            assertThat(fold.apply(waiting(), new DeadlineReached("d", late, false)).verdict()).isEqualTo(Verdict.NOT_DUE);
        }

        @Test
        void shouldNotExpireWhileSomeoneIsPresentWhateverTheDeadlineSays() {
            SessionState present = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();
            FoldResult result = fold.apply(present, new DeadlineReached("d", createdAt.plus(Duration.ofDays(1)), true));
            assertThat(result.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(result.state().waiting().overdue()).as("but the wait is overdue").isTrue();
        }

        @Test
        void shouldNotEndWhenAJoinWasFoldedBeforeTheDeadline() {
            // The join sat unfolded on the partition when the deadline was sent: it is folded first.
            SessionState joined = fold.apply(waiting(), join(Role.CUSTOMER, "PA_c")).state();
            FoldResult result = fold.apply(joined, new DeadlineReached("d", createdAt.plus(TIMEOUTS.noShow()), true));
            assertThat(result.state().status()).isNotEqualTo(SessionStatus.ENDED);
        }

        @Test
        void shouldAbandonAJoinedSessionOnceNobodyWasPresentForTheIdleTimeout() {
            SessionState left = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), leave(Role.CUSTOMER, "PA_c"))).state();
            Instant lastLeave = left.emptySince();
            assertThat(fold.apply(left, new DeadlineReached("d1", lastLeave.plus(TIMEOUTS.idle()).minusSeconds(1), true)).verdict())
                    .isEqualTo(Verdict.NOT_DUE);
            FoldResult abandoned = fold.apply(left, new DeadlineReached("d2", lastLeave.plus(TIMEOUTS.idle()), true));
            assertThat(abandoned.state().status()).isEqualTo(SessionStatus.ENDED);
            assertThat(abandoned.state().endReason()).isEqualTo(EndReason.ABANDONED);
            assertThat(abandoned.state().waiting()).as("who never came: the mechanic; the customer waited from its arrival")
                    .isEqualTo(new Waiting(Role.MECHANIC, T0.plusSeconds(1), true));
        }

        @Test
        void shouldNotSayWhoNeverCameOnceTheTwoMet() {
            SessionState met = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    leave(Role.MECHANIC, "PA_m"), leave(Role.CUSTOMER, "PA_c"))).state();
            SessionState abandoned = fold.apply(met, new DeadlineReached("d", met.emptySince().plus(TIMEOUTS.idle()), true)).state();
            assertThat(abandoned.endReason()).isEqualTo(EndReason.ABANDONED);
            assertThat(abandoned.waiting()).isNull();
        }

        @Test
        void shouldRestartTheIdleTimeoutWithEveryReturn() {
            SessionState state = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c1"), leave(Role.CUSTOMER, "PA_c1"))).state();
            Instant firstEmpty = state.emptySince();
            state = run(state, List.of(join(Role.CUSTOMER, "PA_c2"), leave(Role.CUSTOMER, "PA_c2"))).state();
            assertThat(state.emptySince()).isAfter(firstEmpty);
            assertThat(fold.apply(state, new DeadlineReached("d", firstEmpty.plus(TIMEOUTS.idle()), true)).verdict())
                    .isEqualTo(Verdict.NOT_DUE);
        }
    }

    @Nested
    class WaitingForTheOther {

        @Test
        void shouldWaitForTheAbsentRoleSinceTheMomentThePresentOneWasLeftAlone() {
            SessionEvent customer = join(Role.CUSTOMER, "PA_c");
            SessionState alone = fold.apply(waiting(), customer).state();
            assertThat(alone.waiting()).isEqualTo(new Waiting(Role.MECHANIC, customer.at(), false));
            SessionState ready = fold.apply(alone, join(Role.MECHANIC, "PA_m")).state();
            assertThat(ready.waiting()).isNull();
            SessionEvent mechanicLeaves = leave(Role.MECHANIC, "PA_m");
            SessionState again = fold.apply(ready, mechanicLeaves).state();
            assertThat(again.waiting()).isEqualTo(new Waiting(Role.MECHANIC, mechanicLeaves.at(), false));
            SessionState nobody = fold.apply(again, leave(Role.CUSTOMER, "PA_c")).state();
            assertThat(nobody.waiting()).isNull();
        }

        @Test
        void shouldTurnOverdueOnceAsANewVersionAndClearWhenTheOtherArrives() {
            SessionState alone = fold.apply(waiting(), join(Role.CUSTOMER, "PA_c")).state();
            Instant due = alone.waiting().since().plus(TIMEOUTS.overdueAfter());
            assertThat(fold.apply(alone, new DeadlineReached("d0", due.minusSeconds(1), false)).changed()).isFalse();
            FoldResult overdue = fold.apply(alone, new DeadlineReached("d1", due, false));
            assertThat(overdue.changed()).isTrue();
            assertThat(overdue.state().version()).isEqualTo(alone.version() + 1);
            assertThat(overdue.state().waiting().overdue()).isTrue();
            assertThat(fold.apply(overdue.state(), new DeadlineReached("d2", due.plusSeconds(60), false)).changed())
                    .as("overdue once").isFalse();
            SessionState ready = fold.apply(overdue.state(), join(Role.MECHANIC, "PA_m")).state();
            assertThat(ready.waiting()).isNull();
            assertThat(ready.status()).isEqualTo(SessionStatus.READY);
        }

        @Test
        void shouldKeepTheWaitThroughASecondTabOfThePresentRole() {
            SessionEvent first = join(Role.CUSTOMER, "PA_c1");
            SessionState state = run(waiting(), List.of(first, join(Role.CUSTOMER, "PA_c2"), leave(Role.CUSTOMER, "PA_c1"))).state();
            assertThat(state.waiting()).isEqualTo(new Waiting(Role.MECHANIC, first.at(), false));
        }
    }

    @Nested
    class MediaReadiness {

        private SessionEvent track(boolean published, Role role, String sid, String trackSid, MediaSource source) {
            return new TrackChanged("ev-" + published + "-" + sid + "-" + trackSid, Origin.WEBHOOK, tick(), who(role, sid), trackSid,
                    source, published);
        }

        private SessionEvent publish(Role role, String sid, String trackSid, MediaSource source) {
            return track(true, role, sid, trackSid, source);
        }

        private SessionEvent unpublish(Role role, String sid, String trackSid, MediaSource source) {
            return track(false, role, sid, trackSid, source);
        }

        @Test
        void shouldBeMediaReadyOnlyOnceBothRolesPublishCameraAndMicrophone() {
            SessionState ready = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"))).state();
            assertThat(ready.status()).isEqualTo(SessionStatus.READY);
            assertThat(ready.mediaReady()).isFalse();
            Run run = run(ready, List.of(publish(Role.CUSTOMER, "PA_c", "TR_c1", MediaSource.CAMERA),
                    publish(Role.CUSTOMER, "PA_c", "TR_c2", MediaSource.MICROPHONE),
                    publish(Role.MECHANIC, "PA_m", "TR_m1", MediaSource.CAMERA)));
            assertThat(run.changes()).as("every change of media is a new version").isEqualTo(3);
            assertThat(run.state().customer().media()).isEqualTo(new Media(true, true));
            assertThat(run.state().mechanic().media()).isEqualTo(new Media(true, false));
            assertThat(run.state().mediaReady()).isFalse();
            SessionState seenAndHeard = fold.apply(run.state(), publish(Role.MECHANIC, "PA_m", "TR_m2", MediaSource.MICROPHONE)).state();
            assertThat(seenAndHeard.mediaReady()).isTrue();
            assertThat(seenAndHeard.status()).isEqualTo(SessionStatus.READY);
            FoldResult cameraOff = fold.apply(seenAndHeard, unpublish(Role.MECHANIC, "PA_m", "TR_m1", MediaSource.CAMERA));
            assertThat(cameraOff.changed()).isTrue();
            assertThat(cameraOff.state().mediaReady()).isFalse();
            assertThat(cameraOff.state().status()).as("READY keeps its meaning").isEqualTo(SessionStatus.READY);
        }

        @Test
        void shouldReachTheSameMediaForEveryOrderOfJoinPublishAndUnpublish() {
            List<SessionEvent> events = List.of(join(Role.MECHANIC, "PA_m"),
                    publish(Role.MECHANIC, "PA_m", "TR_cam", MediaSource.CAMERA),
                    unpublish(Role.MECHANIC, "PA_m", "TR_cam", MediaSource.CAMERA),
                    publish(Role.MECHANIC, "PA_m", "TR_mic", MediaSource.MICROPHONE));
            for (List<SessionEvent> order : permutations(events)) {
                SessionState end = run(waiting(), order).state();
                assertThat(end.mechanic().present()).as(order.toString()).isTrue();
                assertThat(end.mechanic().media()).as(order.toString()).isEqualTo(new Media(false, true));
            }
        }

        @Test
        void shouldKeepTracksThatArriveBeforeTheirSidsJoin() {
            SessionState end = run(waiting(), List.of(publish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.CAMERA),
                    publish(Role.CUSTOMER, "PA_c", "TR_2", MediaSource.MICROPHONE))).state();
            assertThat(end.customer().present()).as("a track alone does not make a role present").isFalse();
            assertThat(end.version()).isEqualTo(1);
            end = fold.apply(end, join(Role.CUSTOMER, "PA_c")).state();
            assertThat(end.customer().present()).isTrue();
            assertThat(end.customer().media()).isEqualTo(new Media(true, true));
        }

        @Test
        void shouldDropTracksWithTheirSidAndNeverReviveALeftSidThroughATrack() {
            SessionState end = run(waiting(), List.of(join(Role.MECHANIC, "PA_m"),
                    publish(Role.MECHANIC, "PA_m", "TR_1", MediaSource.CAMERA), leave(Role.MECHANIC, "PA_m"))).state();
            assertThat(end.mechanic().present()).isFalse();
            assertThat(end.mechanic().media()).isEqualTo(Media.NONE);
            FoldResult late = fold.apply(end, publish(Role.MECHANIC, "PA_m", "TR_2", MediaSource.MICROPHONE));
            assertThat(late.changed()).isFalse();
            assertThat(late.verdict()).isEqualTo(Verdict.SID_ALREADY_LEFT);
            FoldResult unknown = fold.apply(late.state(), publish(Role.MECHANIC, "PA_never_joined", "TR_3", MediaSource.CAMERA));
            assertThat(unknown.state().mechanic().present()).isFalse();
        }

        @Test
        void shouldIgnoreADoubledDeliveryOfTrackEvents() {
            List<SessionEvent> once = List.of(join(Role.CUSTOMER, "PA_c"), publish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.CAMERA),
                    unpublish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.CAMERA));
            List<SessionEvent> twice = new ArrayList<>();
            once.forEach(e -> {
                twice.add(e);
                twice.add(e);
            });
            assertThat(run(waiting(), twice).state()).isEqualTo(run(waiting(), once).state());
            assertThat(run(waiting(), twice).changes()).isEqualTo(run(waiting(), once).changes());
        }

        @Test
        void shouldCountOnlyTheConfiguredSources() {
            SessionFold audioOnly = new SessionFold(Set.of(MediaSource.MICROPHONE), TIMEOUTS);
            SessionState state = waiting();
            for (SessionEvent e : List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    publish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.MICROPHONE),
                    publish(Role.MECHANIC, "PA_m", "TR_2", MediaSource.MICROPHONE))) {
                state = audioOnly.apply(state, e).state();
            }
            assertThat(state.mediaReady()).isTrue();
            assertThat(new SessionFold(Set.of(), TIMEOUTS).apply(waiting(), join(Role.CUSTOMER, "PA_c")).state().mediaReady()).isFalse();
        }

        @Test
        void shouldClearMediaWhenTheSessionEnds() {
            SessionState state = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), publish(Role.CUSTOMER, "PA_c", "TR_1",
                    MediaSource.CAMERA))).state();
            SessionState ended = fold.apply(state, new EndRequested("end-1", T0.plusSeconds(60), EndReason.ENDED_BY_BACKEND, "b1")).state();
            assertThat(ended.customer().media()).isEqualTo(Media.NONE);
            assertThat(ended.mediaReady()).isFalse();
        }
    }

    @Nested
    class SeenAndHeard {

        /** Both in the room, each publishing camera and microphone: media-ready, nothing reported yet. */
        private SessionState mediaReady() {
            List<SessionEvent> events = new ArrayList<>(List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m")));
            for (Role role : Role.values()) {
                String sid = role == Role.CUSTOMER ? "PA_c" : "PA_m";
                events.add(new TrackChanged("ev-cam-" + sid, Origin.WEBHOOK, tick(), who(role, sid), "TR_cam_" + sid,
                        MediaSource.CAMERA, true));
                events.add(new TrackChanged("ev-mic-" + sid, Origin.WEBHOOK, tick(), who(role, sid), "TR_mic_" + sid,
                        MediaSource.MICROPHONE, true));
            }
            SessionState state = run(waiting(), events).state();
            assertThat(state.mediaReady()).isTrue();
            return state;
        }

        private SessionEvent report(Role role, boolean video, boolean audio, ReceptionProblem problem) {
            return new ReceptionReported("rec-" + clock.get(), tick(), role, role == Role.CUSTOMER ? "c1" : "m1", video, audio,
                    problem);
        }

        @Test
        void shouldBeSeenAndHeardOnlyOnceBothPagesPlayTheOthersVideoAndSound() {
            SessionState ready = mediaReady();
            assertThat(ready.seenAndHeard()).isFalse();
            FoldResult customer = fold.apply(ready, report(Role.CUSTOMER, true, true, null));
            assertThat(customer.changed()).isTrue();
            assertThat(customer.state().version()).isEqualTo(ready.version() + 1);
            assertThat(customer.state().receives(Role.CUSTOMER).video()).isTrue();
            assertThat(customer.state().seenAndHeard()).isFalse();
            FoldResult blocked = fold.apply(customer.state(), report(Role.MECHANIC, true, false, ReceptionProblem.AUTOPLAY_BLOCKED));
            assertThat(blocked.changed()).isTrue();
            assertThat(blocked.state().seenAndHeard()).isFalse();
            FoldResult clicked = fold.apply(blocked.state(), report(Role.MECHANIC, true, true, null));
            assertThat(clicked.changed()).isTrue();
            assertThat(clicked.state().seenAndHeard()).isTrue();
            assertThat(clicked.state().status()).isEqualTo(SessionStatus.READY);
        }

        @Test
        void shouldWriteNoVersionForAReportThatChangesNothingShown() {
            SessionState ready = mediaReady();
            SessionState reported = fold.apply(ready, report(Role.MECHANIC, true, false, ReceptionProblem.AUTOPLAY_BLOCKED)).state();
            FoldResult same = fold.apply(reported, report(Role.MECHANIC, true, false, ReceptionProblem.AUTOPLAY_BLOCKED));
            assertThat(same.changed()).isFalse();
            assertThat(same.verdict()).isEqualTo(Verdict.RECORDED);
            // Another reason for the same picture: kept for diagnosis, but the snapshot is the same.
            FoldResult reason = fold.apply(reported, report(Role.MECHANIC, true, false, ReceptionProblem.NO_AUDIO));
            assertThat(reason.changed()).isFalse();
            assertThat(reason.verdict()).isEqualTo(Verdict.COUNTED);
            assertThat(reason.state().member(Role.MECHANIC).reception().problem()).isEqualTo(ReceptionProblem.NO_AUDIO);
        }

        @Test
        void shouldShowAReportMadeBeforeTheOthersJoinWasFoldedOnceItIs() {
            SessionState customerAlone = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();
            FoldResult early = fold.apply(customerAlone, report(Role.CUSTOMER, true, true, null));
            assertThat(early.changed()).as("nothing of it shows while the mechanic is not there").isFalse();
            assertThat(early.verdict()).isEqualTo(Verdict.COUNTED);
            assertThat(early.state().receives(Role.CUSTOMER)).isEqualTo(Reception.NONE);
            SessionState both = fold.apply(early.state(), join(Role.MECHANIC, "PA_m")).state();
            assertThat(both.receives(Role.CUSTOMER).video()).isTrue();
            assertThat(both.receives(Role.CUSTOMER).audio()).isTrue();
        }

        @Test
        void shouldForgetBothReportsWhenEitherLeaves() {
            SessionState seen = run(mediaReady(), List.of(report(Role.CUSTOMER, true, true, null),
                    report(Role.MECHANIC, true, true, null))).state();
            assertThat(seen.seenAndHeard()).isTrue();
            FoldResult left = fold.apply(seen, leave(Role.MECHANIC, "PA_m"));
            assertThat(left.state().members()).extracting(Member::reception).containsOnly(Reception.NONE);
            assertThat(left.state().seenAndHeard()).isFalse();
            SessionState back = fold.apply(left.state(), join(Role.MECHANIC, "PA_m2")).state();
            assertThat(back.status()).isEqualTo(SessionStatus.READY);
            assertThat(back.receives(Role.CUSTOMER)).as("the old report was of the mechanic's earlier visit")
                    .isEqualTo(Reception.NONE);
        }

        @Test
        void shouldChangeNothingOnceEnded() {
            SessionState ended = fold.apply(mediaReady(), new EndRequested("end", tick(), EndReason.ENDED_BY_BACKEND, "b")).state();
            FoldResult late = fold.apply(ended, report(Role.CUSTOMER, true, true, null));
            assertThat(late.changed()).isFalse();
            assertThat(late.verdict()).isEqualTo(Verdict.SESSION_ENDED);
            assertThat(late.state().members()).extracting(Member::reception).containsOnly(Reception.NONE);
        }
    }
}
