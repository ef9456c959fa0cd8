package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.fold.SessionEvent.DeadlineReached;
import dev.rendezvous.session.fold.SessionEvent.EndRequested;
import dev.rendezvous.session.fold.SessionEvent.Joined;
import dev.rendezvous.session.fold.SessionEvent.Left;
import dev.rendezvous.session.fold.SessionEvent.Participant;
import dev.rendezvous.session.fold.SessionEvent.ReceptionReported;
import dev.rendezvous.session.fold.SessionEvent.RoomFinished;
import dev.rendezvous.session.fold.SessionEvent.RoomStarted;
import dev.rendezvous.session.fold.SessionEvent.TrackChanged;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where session state changes: state + event -> state. No framework, no I/O.
 *
 * <p>Rules (docs/architecture.md, "Session state"), stated over the roster's members and Role's required
 * roles, never per role:
 * <ul>
 *   <li>A member is present while at least one of their person's sids is active.</li>
 *   <li>A sid becomes active on its join and inactive on its leave or aborted connection; a sid that
 *       has left never becomes active again. So a leave delivered before its join and a doubled
 *       delivery both end right. The one exception is a leave only reconciliation inferred (LiveKit's
 *       list lacked the sid): when LiveKit lists the sid again, reconciliation brings it back, unless a
 *       webhook has since said it left.</li>
 *   <li>A second tab makes LiveKit kick the older sid as DUPLICATE_IDENTITY; that leave may arrive
 *       before the newer sid's join, so the kicked identity stays present until its replacement shows
 *       up: READY holds through a second tab, until reconciliation finds that identity gone from the room.</li>
 *   <li>A participant counts only in the session's own room ({@code session-<id>}), only if LiveKit
 *       says it is a person's page (kind STANDARD), and only for the member whose role and user id it
 *       claims: one whose user id cannot be read, or who is no member in that role, counts for nobody.
 *       An agent, a recorder, a phone leg (any other kind) never counts, whatever role it claims: it is
 *       listed in the snapshot's others while it is in the room, and a recorder there makes the session
 *       recording. Anything else is kept for diagnosis but changes nothing.</li>
 *   <li>Every required role (customer, mechanic) present: READY; otherwise WAITING, and while some
 *       required role is present and another is not, it is waiting for the absent one, since the moment
 *       it was left alone; overdue once that lasts the overdue time. A supervisor is a member like the
 *       others (present, shown) but is never required and never waited for.</li>
 *   <li>The room finishing makes its sids leave (everyone in it is gone) and nothing more: the next
 *       join counts as usual.</li>
 *   <li>ENDED, which is terminal, comes from people (an end requested) or from time: no required role
 *       joined before the no-show deadline (expired), or one joined and then no member was present for
 *       the idle timeout (abandoned). Time ends a session only when its deadline event finds no member
 *       present and LiveKit listed nobody in the room.</li>
 *   <li>A sid's tracks follow its track events under the same rules: a track is published until its
 *       unpublish and never again after; a track event of a sid not yet joined waits for the join, one
 *       of a sid that left changes nothing. A member publishes what their active sids publish;
 *       mediaReady is READY with each required role publishing the required sources.</li>
 *   <li>A required role's page reports what it plays of the other (video, audio, and why not). The
 *       last report holds until a required role leaves, and shows in the snapshot while every required
 *       role is present (a report may come before the other's join is folded); seenAndHeard is
 *       mediaReady with every required role's page playing the other's video and audio.</li>
 *   <li>The version goes up by one whenever the snapshot changes, and only then.</li>
 * </ul>
 */
public final class SessionFold {

    public static final String DUPLICATE_IDENTITY = "DUPLICATE_IDENTITY";
    /** The leave reason of a reconciliation: LiveKit's participant list does not have the sid (or its identity). */
    public static final String NOT_IN_ROOM = "RECONCILED_NOT_IN_ROOM";
    /** The leave reason of the sids of a room LiveKit finished. */
    public static final String ROOM_FINISHED = "ROOM_FINISHED";
    /** What a role must publish for mediaReady unless configured otherwise. */
    public static final Set<MediaSource> CAMERA_AND_MICROPHONE = Set.of(MediaSource.CAMERA, MediaSource.MICROPHONE);

    private final Set<MediaSource> required;
    private final Timeouts timeouts;

    public SessionFold() {
        this(CAMERA_AND_MICROPHONE, Timeouts.DEFAULT);
    }

    /** @param required the sources each role must publish for mediaReady (empty: presence is enough) */
    public SessionFold(Set<MediaSource> required, Timeouts timeouts) {
        this.required = Set.copyOf(required);
        this.timeouts = timeouts;
    }

    public FoldResult apply(SessionState state, SessionEvent event) {
        if (state.status() == SessionStatus.ENDED) {
            return unchanged(state, Verdict.SESSION_ENDED);
        }
        if (event instanceof Joined joined) {
            return join(state, joined);
        }
        if (event instanceof Left left) {
            return leave(state, left);
        }
        if (event instanceof TrackChanged track) {
            return track(state, track);
        }
        if (event instanceof RoomFinished finished) {
            return roomFinished(state, finished);
        }
        if (event instanceof RoomStarted started) {
            return unchanged(state, state.room().equals(started.room()) ? Verdict.RECORDED : Verdict.OTHER_ROOM);
        }
        if (event instanceof ReceptionReported report) {
            return reception(state, report);
        }
        if (event instanceof EndRequested end) {
            return end(state, end.reason(), end.at());
        }
        if (event instanceof DeadlineReached deadline) {
            return deadline(state, deadline);
        }
        throw new IllegalArgumentException("no rule for " + event.kind());
    }

    private FoldResult join(SessionState state, Joined event) {
        SidState known = state.sids().get(event.who().sid());
        Optional<Verdict> refused = whyNotCounted(state, event.who(), known);
        if (refused.isPresent()) {
            return unchanged(state, refused.get());
        }
        if (known != null && !known.isPending()) {
            if (tookForGoneByMistake(known, event)) {
                return settle(state, with(state.sids(), known.join(event.at())), event.at());
            }
            return unchanged(state, known.active() ? Verdict.SID_ALREADY_ACTIVE : Verdict.SID_ALREADY_LEFT);
        }
        SidState joined = (known != null ? known : SidState.of(event.who())).join(event.at());
        return settle(state, with(state.sids(), joined), event.at());
    }

    /**
     * Only reconciliation took this sid for gone (LiveKit's list lacked it, and no webhook said it left),
     * and now reconciliation finds it listed again: the first list was wrong, the sid is back.
     */
    private static boolean tookForGoneByMistake(SidState known, Joined event) {
        return known.hasLeft() && NOT_IN_ROOM.equals(known.leftReason()) && event.origin() == SessionEvent.Origin.RECONCILIATION;
    }

    private FoldResult leave(SessionState state, Left event) {
        SidState known = state.sids().get(event.who().sid());
        Optional<Verdict> refused = whyNotCounted(state, event.who(), known);
        if (refused.isPresent()) {
            return unchanged(state, refused.get());
        }
        String reason = event.reason() != null && !event.reason().isBlank() ? event.reason()
                : event.aborted() ? "connection-aborted" : "left";
        SidState left;
        if (known == null) {
            // The leave overtook its join: remember the sid as gone so the late join cannot revive it.
            left = SidState.of(event.who()).leave(event.at(), reason);
        } else if (!known.hasLeft()) {
            left = known.leave(event.at(), reason);
        } else if (DUPLICATE_IDENTITY.equals(known.leftReason()) && NOT_IN_ROOM.equals(event.reason())) {
            // Reconciliation found the kicked identity gone from the room: its replacement is not coming.
            left = known.leave(known.leftAt(), NOT_IN_ROOM);
        } else if (NOT_IN_ROOM.equals(known.leftReason()) && event.origin() != SessionEvent.Origin.RECONCILIATION) {
            // LiveKit itself now says the sid left: that is final, reconciliation can no longer bring it back.
            left = known.leave(known.leftAt(), reason);
        } else {
            return unchanged(state, Verdict.SID_ALREADY_LEFT);
        }
        return settle(state, with(state.sids(), left), event.at());
    }

    private FoldResult track(SessionState state, TrackChanged event) {
        SidState known = state.sids().get(event.who().sid());
        Optional<Verdict> refused = whyNotCounted(state, event.who(), known);
        if (refused.isPresent()) {
            return unchanged(state, refused.get());
        }
        if (event.trackSid() == null || event.source() == null) {
            return unchanged(state, Verdict.RECORDED);
        }
        if (known != null && known.hasLeft()) {
            return unchanged(state, Verdict.SID_ALREADY_LEFT);
        }
        Track track = known == null ? null : known.tracks().get(event.trackSid());
        if (track != null && (!track.published() || event.published())) {
            return unchanged(state, track.published() ? Verdict.TRACK_ALREADY_PUBLISHED : Verdict.TRACK_ALREADY_UNPUBLISHED);
        }
        // A track of a sid whose join has not arrived yet waits on a pending sid for that join.
        SidState sid = known != null ? known : SidState.of(event.who());
        return settle(state, with(state.sids(), sid.withTrack(event.trackSid(), new Track(event.source(), event.published()))),
                event.at());
    }

    /** The page's report replaces its last one; the snapshot changes only if what it shows does. */
    private static FoldResult reception(SessionState state, ReceptionReported report) {
        if (!report.role().isRequired() || state.member(report.role()).reception().says(report.video(), report.audio(), report.problem())) {
            return unchanged(state, Verdict.RECORDED);
        }
        Reception reception = new Reception(report.video(), report.audio(), report.problem(), report.at());
        SessionState next = withMembers(state, state.members().stream()
                .map(m -> m.role() == report.role() ? m.with(reception) : m).toList());
        return next.sameSnapshotAs(state) ? new FoldResult(next, false, Verdict.COUNTED)
                : new FoldResult(withVersion(next, state.version() + 1), true, Verdict.COUNTED);
    }

    /**
     * Everyone in the room is gone: its active sids leave, and kicked tabs stop waiting for replacements.
     * Only sids that joined by then: a join in a room LiveKit opened again afterwards stays.
     */
    private FoldResult roomFinished(SessionState state, RoomFinished event) {
        if (!state.room().equals(event.room())) {
            return unchanged(state, Verdict.OTHER_ROOM);
        }
        Map<Sid, SidState> sids = new HashMap<>(state.sids());
        state.sids().values().forEach(sid -> {
            if (sid.active() && sid.joinedAt() != null && !sid.joinedAt().isAfter(event.at())) {
                sids.put(sid.sid(), sid.leave(event.at(), ROOM_FINISHED));
            } else if (awaitsItsReplacement(sid, state.sids())) {
                sids.put(sid.sid(), sid.leave(sid.leftAt(), ROOM_FINISHED));
            }
        });
        return sids.equals(state.sids()) ? unchanged(state, Verdict.RECORDED) : settle(state, sids, event.at());
    }

    /**
     * What time changes by {@code at}: a wait turns overdue; a session nobody is present in, whose room
     * LiveKit listed empty, ends once its deadline has passed: the no-show deadline if nobody ever
     * joined (expired), the idle timeout since the last leave otherwise (abandoned).
     */
    private FoldResult deadline(SessionState state, DeadlineReached event) {
        SessionState next = state;
        Waiting waiting = state.waiting();
        if (waiting != null && !waiting.overdue() && !waiting.since().plus(timeouts.overdueAfter()).isAfter(event.at())) {
            next = withWaiting(state, new Waiting(waiting.forRole(), waiting.since(), true));
        }
        boolean nobodyPresent = state.members().stream().noneMatch(Member::present);
        if (nobodyPresent && event.roomEmpty()) {
            boolean joined = state.everJoinedByRequired();
            if (!joined && !state.createdAt().plus(timeouts.noShow()).isAfter(event.at())) {
                return end(next, EndReason.EXPIRED, event.at());
            }
            if (joined && state.emptySince() != null && !state.emptySince().plus(timeouts.idle()).isAfter(event.at())) {
                return end(next, EndReason.ABANDONED, event.at());
            }
        }
        return next == state ? unchanged(state, Verdict.NOT_DUE)
                : new FoldResult(withVersion(next, state.version() + 1), true, Verdict.COUNTED);
    }

    /** Why a participant event does not count: not this room, no sid, or (for a sid not yet admitted) not the roster's user. */
    private static Optional<Verdict> whyNotCounted(SessionState state, Participant who, SidState known) {
        if (!state.room().equals(who.room())) {
            return Optional.of(Verdict.OTHER_ROOM);
        }
        if (who.sid() == null || who.sid().value() == null || who.sid().value().isBlank()) {
            return Optional.of(Verdict.NO_SID);
        }
        if (known != null) {
            return Optional.empty(); // admitted when first seen
        }
        if (!who.participantKind().isPerson()) {
            return Optional.empty(); // an agent, a recorder, …: kept and shown as what it is, never counted for a role
        }
        if (who.role() == null) {
            return Optional.of(Verdict.ROLE_UNREADABLE);
        }
        if (who.userId() == null) {
            return Optional.of(Verdict.USER_UNREADABLE);
        }
        if (!state.isMember(who.userId(), who.role())) {
            return Optional.of(Verdict.NOT_ON_ROSTER);
        }
        return Optional.empty();
    }

    /** Derives presence, waiting, media and status from the sids, and bumps the version if the snapshot changed. */
    private FoldResult settle(SessionState state, Map<Sid, SidState> sids, Instant at) {
        List<Member> present = state.members().stream().map(m -> m.with(presence(m, sids, at))).toList();
        boolean ready = Role.REQUIRED.stream().allMatch(role -> present(present, role));
        boolean nobody = present.stream().noneMatch(Member::present);
        Instant readyAt = !ready ? null : state.status() == SessionStatus.READY ? state.readyAt() : at;
        boolean mediaReady = ready && present.stream().filter(m -> m.role().isRequired())
                .allMatch(m -> m.presence().media().covers(required));
        // What a page played came from the other's tracks of that visit: when a required role leaves, every report goes.
        boolean someoneLeft = Role.REQUIRED.stream().anyMatch(role -> state.presenceOf(role).present() && !present(present, role));
        List<Member> members = someoneLeft ? present.stream().map(m -> m.with(Reception.NONE)).toList() : present;
        SessionState next = new SessionState(state.sessionId(), members, state.createdAt(),
                ready ? SessionStatus.READY : SessionStatus.WAITING, state.version(), mediaReady, readyAt,
                state.metAt() != null ? state.metAt() : ready ? at : null, waiting(state.waiting(), members, at),
                nobody ? Objects.requireNonNullElse(state.emptySince(), at) : null, null, null, sids);
        if (next.sameSnapshotAs(state)) {
            return new FoldResult(next, false, Verdict.COUNTED);
        }
        return new FoldResult(withVersion(next, state.version() + 1), true, Verdict.COUNTED);
    }

    private static boolean present(List<Member> members, Role required) {
        return members.stream().anyMatch(m -> m.role() == required && m.present());
    }

    /**
     * Who is waiting for whom: while some required role is present and another is not, the first absent
     * one; kept while that role stays absent, so {@code since} is when the wait began.
     */
    private static Waiting waiting(Waiting before, List<Member> members, Instant at) {
        List<Role> absent = Role.REQUIRED.stream().filter(role -> !present(members, role)).toList();
        if (absent.isEmpty() || absent.size() == Role.REQUIRED.size()) {
            return null;
        }
        return before != null && before.forRole() == absent.get(0) ? before : new Waiting(absent.get(0), at, false);
    }

    private static RolePresence presence(Member member, Map<Sid, SidState> sids, Instant at) {
        RolePresence before = member.presence();
        Optional<SidState> latest = sids.values().stream()
                .filter(sid -> sid.activeFor(member))
                .max(Comparator.comparing(SidState::joinedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (latest.isPresent()) {
            return new RolePresence(true, latest.get().identity(), before.present() ? before.since() : at, media(sids, member));
        }
        boolean kickedByANewerTab = sids.values().stream()
                .anyMatch(sid -> sid.isPerson() && sid.isOf(member) && awaitsItsReplacement(sid, sids));
        if (before.present() && kickedByANewerTab) {
            return before;
        }
        return before.present() ? before.gone() : before;
    }

    /** What the member's active sids publish together. */
    private static Media media(Map<Sid, SidState> sids, Member member) {
        Set<MediaSource> sources = EnumSet.noneOf(MediaSource.class);
        sids.values().stream().filter(sid -> sid.activeFor(member))
                .flatMap(sid -> sid.tracks().values().stream())
                .filter(Track::published)
                .forEach(track -> sources.add(track.source()));
        return Media.of(sources);
    }

    /**
     * A sid LiveKit kicked as DUPLICATE_IDENTITY was replaced by a newer connection of the same
     * identity, whose join webhook may come after the kick's leave: until that newer sid shows up,
     * the identity still counts as present (reconciliation corrects it if the join never comes).
     */
    private static boolean awaitsItsReplacement(SidState kicked, Map<Sid, SidState> sids) {
        if (kicked.active() || !DUPLICATE_IDENTITY.equals(kicked.leftReason())) {
            return false;
        }
        return sids.values().stream().noneMatch(other -> other != kicked
                && Objects.equals(other.identity(), kicked.identity()) && isLater(other, kicked));
    }

    /**
     * Whether {@code other} came after the kicked sid. LiveKit's times have one-second resolution, so
     * only a strictly later time counts: a sid that came and went in the kicked one's own second is
     * not its replacement (were it counted, READY would flap until the real replacement's join).
     */
    private static boolean isLater(SidState other, SidState kicked) {
        if (other.joinedAt() != null && kicked.joinedAt() != null && other.joinedAt().isAfter(kicked.joinedAt())) {
            return true;
        }
        return other.leftAt() != null && kicked.leftAt() != null && other.leftAt().isAfter(kicked.leftAt());
    }

    /**
     * ENDED: nobody present any more. A session that time ended before the two met says, in its final
     * snapshot, who never came: the role that did come was waiting for the other since its first arrival.
     */
    private static FoldResult end(SessionState state, EndReason reason, Instant at) {
        Waiting neverCame = null;
        List<Role> came = Role.REQUIRED.stream().filter(state::everJoined).toList();
        List<Role> never = Role.REQUIRED.stream().filter(role -> !state.everJoined(role)).toList();
        if (reason.onTime() && state.metAt() == null && !came.isEmpty() && !never.isEmpty()) {
            Instant firstArrival = state.sids().values().stream()
                    .filter(s -> s.isPerson() && came.contains(s.role()) && s.joinedAt() != null)
                    .map(SidState::joinedAt).min(Comparator.naturalOrder()).orElse(at);
            neverCame = new Waiting(never.get(0), firstArrival, true);
        }
        List<Member> gone = state.members().stream().map(m -> m.with(m.presence().gone()).with(Reception.NONE)).toList();
        SessionState ended = new SessionState(state.sessionId(), gone, state.createdAt(), SessionStatus.ENDED,
                state.version() + 1, false, null, state.metAt(), neverCame, null, at, reason, state.sids());
        return new FoldResult(ended, true, Verdict.COUNTED);
    }

    private static Map<Sid, SidState> with(Map<Sid, SidState> sids, SidState changed) {
        Map<Sid, SidState> next = new HashMap<>(sids);
        next.put(changed.sid(), changed);
        return next;
    }

    private static SessionState withWaiting(SessionState s, Waiting waiting) {
        return new SessionState(s.sessionId(), s.members(), s.createdAt(), s.status(), s.version(), s.mediaReady(), s.readyAt(),
                s.metAt(), waiting, s.emptySince(), s.endedAt(), s.endReason(), s.sids());
    }

    private static SessionState withMembers(SessionState s, List<Member> members) {
        return new SessionState(s.sessionId(), members, s.createdAt(), s.status(), s.version(), s.mediaReady(), s.readyAt(),
                s.metAt(), s.waiting(), s.emptySince(), s.endedAt(), s.endReason(), s.sids());
    }

    private static SessionState withVersion(SessionState s, long version) {
        return new SessionState(s.sessionId(), s.members(), s.createdAt(), s.status(), version, s.mediaReady(), s.readyAt(),
                s.metAt(), s.waiting(), s.emptySince(), s.endedAt(), s.endReason(), s.sids());
    }

    private static FoldResult unchanged(SessionState state, Verdict verdict) {
        return new FoldResult(state, false, verdict);
    }
}
