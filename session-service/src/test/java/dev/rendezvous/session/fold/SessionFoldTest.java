package dev.rendezvous.session.fold;

import dev.rendezvous.session.SessionStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.rendezvous.session.fold.PresenceEvent.Kind.CONNECTION_ABORTED;
import static dev.rendezvous.session.fold.PresenceEvent.Kind.JOINED;
import static dev.rendezvous.session.fold.PresenceEvent.Kind.LEFT;
import static org.assertj.core.api.Assertions.assertThat;

class SessionFoldTest {

    private static final UUID ID = UUID.fromString("7d7b8a7e-5a55-4a8e-9a55-0d2f3c4b5a61");
    private static final String ROOM = "session-" + ID;
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final SessionFold fold = new SessionFold();
    private final AtomicInteger clock = new AtomicInteger();

    private static SessionState waiting() {
        return new SessionState(ID, "c1", "m1", SessionStatus.WAITING, 1, RolePresence.ABSENT, RolePresence.ABSENT,
                null, null, null, Map.of());
    }

    private PresenceEvent event(PresenceEvent.Kind kind, Role role, String sid) {
        String user = role == Role.CUSTOMER ? "c1" : "m1";
        return new PresenceEvent("ev-" + kind + "-" + sid, kind, ROOM, sid, role.wire() + "-" + user, role, user,
                kind == LEFT ? "CLIENT_INITIATED" : null, T0.plusSeconds(clock.incrementAndGet()));
    }

    private PresenceEvent join(Role role, String sid) {
        return event(JOINED, role, sid);
    }

    private PresenceEvent leave(Role role, String sid) {
        return event(LEFT, role, sid);
    }

    /** The mechanic's event for a sid at a fixed second, e.g. a tab LiveKit kicks as DUPLICATE_IDENTITY. */
    private static PresenceEvent mechanic(String eventId, PresenceEvent.Kind kind, String sid, String reason, long second) {
        return new PresenceEvent(eventId, kind, ROOM, sid, "mechanic-m1", Role.MECHANIC, "m1", reason, T0.plusSeconds(second));
    }

    /** Folds the events in order; returns the final state and counts transitions into READY. */
    private Run run(SessionState start, List<PresenceEvent> events) {
        SessionState state = start;
        int readyTransitions = 0;
        int changes = 0;
        for (PresenceEvent e : events) {
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
            assertThat(run.state().customer()).isEqualTo(new RolePresence(true, "customer-c1", T0.plusSeconds(1)));
            assertThat(run.state().mechanic().identity()).isEqualTo("mechanic-m1");
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
            assertThat(run.state().mechanic()).isEqualTo(new RolePresence(false, "mechanic-m1", null));
            assertThat(run.state().sids().get("PA_m").leftReason()).isEqualTo("CLIENT_INITIATED");
        }

        @Test
        void shouldTreatAnAbortedConnectionAsALeave() {
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    event(CONNECTION_ABORTED, Role.CUSTOMER, "PA_c")));
            assertThat(run.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(run.state().sids().get("PA_c").leftReason()).isEqualTo("connection-aborted");
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
            PresenceEvent c = join(Role.CUSTOMER, "PA_c");
            PresenceEvent m = join(Role.MECHANIC, "PA_m");
            PresenceEvent l = leave(Role.MECHANIC, "PA_m");
            Run once = run(waiting(), List.of(c, m, l));
            Run twice = run(waiting(), List.of(c, c, m, m, l, l));
            assertThat(twice.state()).isEqualTo(once.state());
            assertThat(twice.readyTransitions()).isEqualTo(1);
            assertThat(twice.changes()).isEqualTo(once.changes());
        }

        @Test
        void shouldNeverReviveASidWhoseLeaveArrivedFirst() {
            PresenceEvent j = join(Role.MECHANIC, "PA_m");
            PresenceEvent l = leave(Role.MECHANIC, "PA_m");
            Run run = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), l, j));
            assertThat(run.state().status()).isEqualTo(SessionStatus.WAITING);
            assertThat(run.state().mechanic().present()).isFalse();
            assertThat(run.readyTransitions()).isZero();
            assertThat(run.state().sids().get("PA_m").active()).isFalse();
        }

        @Test
        void shouldEndAbsentForEveryOrderOfOneSidsJoinAndLeave() {
            PresenceEvent j = join(Role.MECHANIC, "PA_m");
            PresenceEvent l = leave(Role.MECHANIC, "PA_m");
            for (List<PresenceEvent> order : permutations(List.of(j, l))) {
                assertThat(run(waiting(), order).state().mechanic().present()).as(order.toString()).isFalse();
            }
        }

        @Test
        void shouldReachTheSameStateForEveryOrderOfARejoin() {
            // The mechanic's first connection drops and they come back under a new sid; the old leave
            // may arrive before or after the new join.
            List<PresenceEvent> events = List.of(join(Role.MECHANIC, "PA_old"), leave(Role.MECHANIC, "PA_old"),
                    join(Role.MECHANIC, "PA_new"));
            for (List<PresenceEvent> order : permutations(events)) {
                SessionState end = run(waiting(), order).state();
                assertThat(end.mechanic().present()).as(order.toString()).isTrue();
                assertThat(end.mechanic().identity()).isEqualTo("mechanic-m1");
                assertThat(end.sids().get("PA_new").active()).isTrue();
                assertThat(end.sids().get("PA_old").active()).isFalse();
            }
        }
    }

    @Nested
    class SecondTab {

        private final SessionState customerPresent = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"))).state();

        @Test
        void shouldHoldReadyWhenTheOlderTabIsKickedAsDuplicateIdentity() {
            PresenceEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            PresenceEvent tab2 = join(Role.MECHANIC, "PA_tab2");
            PresenceEvent kick = mechanic("ev-kick", LEFT, "PA_tab1", "DUPLICATE_IDENTITY", 99);
            Run run = run(customerPresent, List.of(tab1, tab2, kick));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.readyTransitions()).isEqualTo(1);
            assertThat(run.changes()).as("the second tab and the kick change nothing visible").isEqualTo(1);
            assertThat(run.state().mechanic().since()).isEqualTo(tab1.occurredAt());
        }

        @Test
        void shouldHoldReadyWhenTheKickArrivesBeforeTheNewTabsJoin() {
            PresenceEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            PresenceEvent kick = mechanic("ev-kick", LEFT, "PA_tab1", "DUPLICATE_IDENTITY", 98);
            PresenceEvent tab2 = mechanic("ev-tab2", JOINED, "PA_tab2", null, 99);
            Run run = run(customerPresent, List.of(tab1, kick, tab2));
            assertThat(run.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.changes()).as("only the first join is visible").isEqualTo(1);
            assertThat(run.readyTransitions()).isEqualTo(1);
        }

        @Test
        void shouldGoAbsentWhenTheNewTabAlsoLeaves() {
            PresenceEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            PresenceEvent kick = mechanic("ev-kick", LEFT, "PA_tab1", "DUPLICATE_IDENTITY", 98);
            PresenceEvent tab2 = mechanic("ev-tab2", JOINED, "PA_tab2", null, 99);
            PresenceEvent tab2Left = mechanic("ev-tab2-left", LEFT, "PA_tab2", "CLIENT_INITIATED", 120);
            for (List<PresenceEvent> order : permutations(List.of(kick, tab2, tab2Left))) {
                List<PresenceEvent> events = new ArrayList<>(List.of(tab1));
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
            List<PresenceEvent> events = List.of(mechanic("ev-old", JOINED, "PA_old", null, 10),
                    mechanic("ev-old-left", LEFT, "PA_old", "CLIENT_INITIATED", 10),
                    mechanic("ev-tab1", JOINED, "PA_tab1", null, 10), join(Role.CUSTOMER, "PA_c"),
                    mechanic("ev-kick", LEFT, "PA_tab1", "DUPLICATE_IDENTITY", 11));
            Run run = run(waiting(), events);
            assertThat(run.state().status()).as("the kick awaits its replacement").isEqualTo(SessionStatus.READY);
            Run end = run(run.state(), List.of(mechanic("ev-tab2", JOINED, "PA_tab2", null, 11)));
            assertThat(end.state().status()).isEqualTo(SessionStatus.READY);
            assertThat(run.readyTransitions() + end.readyTransitions()).isEqualTo(1);
        }

        @Test
        void shouldNotMakeARoleAppearFromAKickAlone() {
            PresenceEvent kick = mechanic("ev-kick", LEFT, "PA_tab1", "DUPLICATE_IDENTITY", 98);
            assertThat(run(customerPresent, List.of(kick)).state().mechanic().present()).isFalse();
        }

        @Test
        void shouldEndReadyForEveryOrderOfTheSecondTabSequence() {
            PresenceEvent tab1 = join(Role.MECHANIC, "PA_tab1");
            PresenceEvent tab2 = join(Role.MECHANIC, "PA_tab2");
            PresenceEvent kick = mechanic("ev-kick", LEFT, "PA_tab1", "DUPLICATE_IDENTITY", 99);
            for (List<PresenceEvent> order : permutations(List.of(tab1, tab2, kick))) {
                Run run = run(customerPresent, order);
                assertThat(run.state().status()).as(order.toString()).isEqualTo(SessionStatus.READY);
                assertThat(run.state().sids().get("PA_tab2").active()).isTrue();
                assertThat(run.state().sids().get("PA_tab1").active()).isFalse();
            }
        }
    }

    @Nested
    class WhatDoesNotCount {

        @Test
        void shouldIgnoreEventsFromARoomThatOnlyLooksLikeTheSessions() {
            PresenceEvent e = new PresenceEvent("ev-x", JOINED, ID.toString(), "PA_x", "customer-c1", Role.CUSTOMER, "c1",
                    null, T0);
            FoldResult result = fold.apply(waiting(), e);
            assertThat(result.changed()).isFalse();
            assertThat(result.outcome()).contains("is not " + ROOM);
        }

        @Test
        void shouldIgnoreAnUnknownRole() {
            PresenceEvent e = new PresenceEvent("ev-x", JOINED, ROOM, "PA_x", "someone", null, null, null, T0);
            FoldResult result = fold.apply(waiting(), e);
            assertThat(result.changed()).isFalse();
            assertThat(result.outcome()).contains("role of someone is unknown");
        }

        @Test
        void shouldIgnoreAUserWhoIsNotOnTheRosterForThatRole() {
            PresenceEvent e = new PresenceEvent("ev-x", JOINED, ROOM, "PA_x", "mechanic-intruder", Role.MECHANIC,
                    "intruder", null, T0);
            FoldResult result = fold.apply(waiting(), e);
            assertThat(result.changed()).isFalse();
            assertThat(result.outcome()).contains("not the mechanic on the roster (m1)");
        }

        @Test
        void shouldOnlyRecordRoomStartedTokensAndTracksWithoutAKnownSource() {
            for (PresenceEvent.Kind kind : List.of(PresenceEvent.Kind.ROOM_STARTED, PresenceEvent.Kind.TRACK_PUBLISHED,
                    PresenceEvent.Kind.TRACK_UNPUBLISHED, PresenceEvent.Kind.TOKEN_ISSUED)) {
                FoldResult result = fold.apply(waiting(), event(kind, Role.CUSTOMER, "PA_c"));
                assertThat(result.changed()).as(kind.name()).isFalse();
                assertThat(result.state()).isEqualTo(waiting());
                assertThat(result.outcome()).startsWith("recorded");
            }
        }
    }

    @Nested
    class Ending {

        @Test
        void shouldEndWhenTheRoomFinishes() {
            SessionState ready = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"))).state();
            PresenceEvent finished = new PresenceEvent("ev-f", PresenceEvent.Kind.ROOM_FINISHED, ROOM, null, null, null,
                    null, null, T0.plusSeconds(60));
            FoldResult result = fold.apply(ready, finished);
            assertThat(result.changed()).isTrue();
            assertThat(result.state().status()).isEqualTo(SessionStatus.ENDED);
            assertThat(result.state().endReason()).isEqualTo("room-finished");
            assertThat(result.state().endedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(result.state().customer().present()).isFalse();
            assertThat(result.state().mechanic().present()).isFalse();
            assertThat(result.state().readyAt()).isNull();
        }

        @Test
        void shouldNotEndWhenAnotherRoomFinishes() {
            PresenceEvent finished = new PresenceEvent("ev-f", PresenceEvent.Kind.ROOM_FINISHED, "session-other", null,
                    null, null, null, null, T0);
            assertThat(fold.apply(waiting(), finished).changed()).isFalse();
        }

        @Test
        void shouldEndOnRequestWithTheReasonGiven() {
            FoldResult result = fold.apply(waiting(), PresenceEvent.ended("end-1", "ended-by-mechanic", "m1", T0));
            assertThat(result.state().status()).isEqualTo(SessionStatus.ENDED);
            assertThat(result.state().endReason()).isEqualTo("ended-by-mechanic");
            assertThat(result.state().version()).isEqualTo(2);
        }

        @Test
        void shouldExpireOnlyASessionNobodyJoined() {
            assertThat(fold.apply(waiting(), PresenceEvent.expired("x", T0)).state().status()).isEqualTo(SessionStatus.ENDED);
            SessionState joined = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), leave(Role.CUSTOMER, "PA_c"))).state();
            FoldResult result = fold.apply(joined, PresenceEvent.expired("x", T0));
            assertThat(result.changed()).isFalse();
            assertThat(result.state().status()).isEqualTo(SessionStatus.WAITING);
        }

        @Test
        void shouldChangeNothingAfterEnded() {
            SessionState ended = fold.apply(waiting(), PresenceEvent.ended("end-1", "ended-by-backend", "backend-1", T0)).state();
            for (PresenceEvent e : List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    PresenceEvent.ended("end-2", "again", "backend-1", T0), PresenceEvent.expired("x", T0))) {
                FoldResult result = fold.apply(ended, e);
                assertThat(result.changed()).isFalse();
                assertThat(result.state()).isEqualTo(ended);
            }
        }
    }

    @Nested
    class MediaReadiness {

        private PresenceEvent track(PresenceEvent.Kind kind, Role role, String sid, String trackSid, MediaSource source) {
            String user = role == Role.CUSTOMER ? "c1" : "m1";
            return new PresenceEvent("ev-" + kind + "-" + sid + "-" + trackSid, kind, ROOM, sid, role.wire() + "-" + user, role,
                    user, null, T0.plusSeconds(clock.incrementAndGet()), trackSid, source);
        }

        private PresenceEvent publish(Role role, String sid, String trackSid, MediaSource source) {
            return track(PresenceEvent.Kind.TRACK_PUBLISHED, role, sid, trackSid, source);
        }

        private PresenceEvent unpublish(Role role, String sid, String trackSid, MediaSource source) {
            return track(PresenceEvent.Kind.TRACK_UNPUBLISHED, role, sid, trackSid, source);
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
            List<PresenceEvent> events = List.of(join(Role.MECHANIC, "PA_m"),
                    publish(Role.MECHANIC, "PA_m", "TR_cam", MediaSource.CAMERA),
                    unpublish(Role.MECHANIC, "PA_m", "TR_cam", MediaSource.CAMERA),
                    publish(Role.MECHANIC, "PA_m", "TR_mic", MediaSource.MICROPHONE));
            for (List<PresenceEvent> order : permutations(events)) {
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
            assertThat(late.outcome()).contains("already left");
            FoldResult unknown = fold.apply(late.state(), publish(Role.MECHANIC, "PA_never_joined", "TR_3", MediaSource.CAMERA));
            assertThat(unknown.state().mechanic().present()).isFalse();
        }

        @Test
        void shouldIgnoreADoubledDeliveryOfTrackEvents() {
            List<PresenceEvent> once = List.of(join(Role.CUSTOMER, "PA_c"), publish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.CAMERA),
                    unpublish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.CAMERA));
            List<PresenceEvent> twice = new ArrayList<>();
            once.forEach(e -> {
                twice.add(e);
                twice.add(e);
            });
            assertThat(run(waiting(), twice).state()).isEqualTo(run(waiting(), once).state());
            assertThat(run(waiting(), twice).changes()).isEqualTo(run(waiting(), once).changes());
        }

        @Test
        void shouldCountOnlyTheConfiguredSources() {
            SessionFold audioOnly = new SessionFold(java.util.Set.of(MediaSource.MICROPHONE));
            SessionState state = waiting();
            for (PresenceEvent e : List.of(join(Role.CUSTOMER, "PA_c"), join(Role.MECHANIC, "PA_m"),
                    publish(Role.CUSTOMER, "PA_c", "TR_1", MediaSource.MICROPHONE),
                    publish(Role.MECHANIC, "PA_m", "TR_2", MediaSource.MICROPHONE))) {
                state = audioOnly.apply(state, e).state();
            }
            assertThat(state.mediaReady()).isTrue();
            assertThat(new SessionFold(java.util.Set.of()).apply(waiting(), join(Role.CUSTOMER, "PA_c")).state().mediaReady()).isFalse();
        }

        @Test
        void shouldClearMediaWhenTheSessionEnds() {
            SessionState state = run(waiting(), List.of(join(Role.CUSTOMER, "PA_c"), publish(Role.CUSTOMER, "PA_c", "TR_1",
                    MediaSource.CAMERA))).state();
            SessionState ended = fold.apply(state, PresenceEvent.ended("end-1", "ended-by-backend", "backend-1", T0.plusSeconds(60))).state();
            assertThat(ended.customer().media()).isEqualTo(Media.NONE);
            assertThat(ended.mediaReady()).isFalse();
        }
    }
}
