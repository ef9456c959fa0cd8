package dev.rendezvous.session.reconcile;

import dev.rendezvous.kernel.Identity;
import dev.rendezvous.kernel.ParticipantKind;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.kernel.Sid;
import dev.rendezvous.kernel.wire.SessionStatus;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.config.ReconcileConfig;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.SessionEvent;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.fold.SidState;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.ParticipantRepository;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionReads;
import dev.rendezvous.session.repository.Watchlist;
import dev.rendezvous.session.service.Envelope;
import dev.rendezvous.session.service.Partitions;
import dev.rendezvous.session.service.ScheduledRuns;
import dev.rendezvous.session.service.SessionWriter;
import dev.rendezvous.session.telemetry.SessionMdc;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Corrects what LiveKit's best-effort webhooks missed, at a cost that follows the rooms with people in
 * them, never the number of open sessions: each replica, for the sessions of its own partitions, asks
 * LiveKit once for its rooms, compares each room's participant count with the sids the fold holds
 * active, and asks for the participant list only of the listed rooms that disagree (LiveKit's counts are
 * hints), plus a few rooms with people each run, in turn, for what equal counts can hide. A room LiveKit
 * does not list is taken as empty without asking (after a LiveKit restart that is every room at once,
 * and asking each would be a call per session). But LiveKit saying "nobody" where webhooks say people
 * are is believed only once it lasts ({@link NobodyListed}), and every grace is measured against when
 * LiveKit's answer was asked for. Corrections go through the same fold as webhooks. When LiveKit cannot
 * be reached, or answers anything but its own "no such room", nothing is touched and the skip is
 * reported. Also on demand, for one session. Rooms LiveKit lists for ended sessions are removed.
 */
@ApplicationScoped
public class Reconciler {

    /** Rooms with people compared with their participant list each run even when the counts agree. */
    static final int SWEPT_PER_RUN = 10;

    /**
     * What one reconciliation did.
     *
     * @param detail how LiveKit failed, for backends (null in what a roster member sees)
     */
    public record Outcome(UUID sessionId, String status, String reason, String detail, List<String> corrections) {

        Outcome(UUID sessionId, String status, String reason, List<String> corrections) {
            this(sessionId, status, reason, null, corrections);
        }

        /** As a roster member sees it: the reason, not LiveKit's words. */
        public Outcome withoutInternals() {
            return new Outcome(sessionId, status, reason, null, corrections);
        }
    }

    private final SessionReads sessions;
    private final ParticipantRepository participants;
    private final Watchlist watchlist;
    private final Partitions partitions;
    private final LiveKitRooms rooms;
    private final SessionWriter writer;
    private final MeterRegistry registry;
    private final Duration grace;
    private final NobodyListed nobody;
    private final Duration livekitTimeout;
    private volatile UUID sweptUpTo;

    public Reconciler(SessionReads sessions, ParticipantRepository participants, Watchlist watchlist, Partitions partitions,
                      LiveKitRooms rooms, SessionWriter writer, MeterRegistry registry, ReconcileConfig config,
                      LiveKitConfig livekit) {
        this.sessions = sessions;
        this.participants = participants;
        this.watchlist = watchlist;
        this.partitions = partitions;
        this.rooms = rooms;
        this.writer = writer;
        this.registry = registry;
        this.grace = config.grace();
        this.nobody = new NobodyListed(config.confirmNobodyAfter());
        this.livekitTimeout = livekit.timeout();
    }

    @Scheduled(every = "${rendezvous.reconcile.interval}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileRooms() {
        return ScheduledRuns.retriedNextRun("Reconciliation", run().replaceWithVoid());
    }

    /** One run over this replica's sessions; returns the sessions whose participant list was asked for. */
    public Uni<List<UUID>> run() {
        if (!partitions.ownsAny()) {
            return Uni.createFrom().item(List.of());
        }
        Instant listedAt = Instant.now();
        return rooms.listRooms().ifNoItem().after(livekitTimeout).fail()
                .chain(listing -> watchlist.withPeople().chain(people -> candidates(listing, people)))
                .chain(candidates -> Multi.createFrom().iterable(candidates)
                        // One at a time: a run is background work, and LiveKit is asked at most once at a time.
                        .onItem().transformToUniAndConcatenate(c -> sessions.byId(c.sessionId())
                                .chain(session -> session == null
                                        ? Uni.createFrom().item(new Outcome(c.sessionId(), "skipped", "gone", List.of()))
                                        : reconcile(session, c.roomListed(), listedAt)))
                        .collect().asList()
                        .invoke(outcomes -> {
                            long corrected = outcomes.stream().mapToLong(o -> o.corrections().size()).sum();
                            if (corrected > 0) {
                                Log.infof("Reconciliation corrected %d participant(s) in %d session(s) it asked LiveKit about",
                                        corrected, outcomes.size());
                            }
                        })
                        .replaceWith(candidates.stream().map(Candidate::sessionId).toList()));
    }

    /** A session worth correcting, and whether LiveKit listed its room (if not, nobody is in it). */
    private record Candidate(UUID sessionId, boolean roomListed) {
    }

    /** The sessions worth a participant list: their room and the fold disagree, or it is their turn in the sweep. */
    private Uni<List<Candidate>> candidates(List<LivekitModels.Room> listing, List<Watchlist.WithPeople> people) {
        Map<UUID, Integer> listed = new HashMap<>();
        listing.forEach(room -> {
            UUID id = new RoomName(room.getName()).sessionId();
            if (id != null && partitions.owns(id)) {
                listed.put(id, room.getNumParticipants());
            }
        });
        Map<UUID, Watchlist.WithPeople> folded = people.stream().filter(p -> partitions.owns(p.sessionId()))
                .collect(Collectors.toMap(Watchlist.WithPeople::sessionId, Function.identity()));
        Set<UUID> disagree = new TreeSet<>();
        folded.values().forEach(p -> {
            if (p.heldWithoutSid() || listed.getOrDefault(p.sessionId(), 0) != p.activeSids()) {
                disagree.add(p.sessionId());
            }
        });
        Set<UUID> nobodyPerFold = listed.entrySet().stream().filter(e -> e.getValue() > 0 && !folded.containsKey(e.getKey()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<UUID> withPeople = new TreeSet<>(folded.keySet());
        return watchlist.ended(listed.keySet()).invoke(ended -> ended.forEach(id -> rooms.removeReappeared(RoomName.of(id).value())))
                .chain(() -> watchlist.open(nobodyPerFold)).map(open -> {
            disagree.addAll(open);
            withPeople.addAll(open);
            disagree.addAll(sweep(withPeople));
            return disagree.stream().map(id -> new Candidate(id, listed.containsKey(id))).toList();
        });
    }

    /** The next few rooms with people, in id order, round and round: equal counts can hide a sid swapped for another. */
    private List<UUID> sweep(TreeSet<UUID> withPeople) {
        List<UUID> turn = new ArrayList<>();
        UUID from = sweptUpTo;
        for (UUID id : from == null ? withPeople : withPeople.tailSet(from, false)) {
            if (turn.size() == SWEPT_PER_RUN) {
                break;
            }
            turn.add(id);
        }
        if (turn.size() < SWEPT_PER_RUN) {
            for (UUID id : withPeople) {
                if (turn.size() == SWEPT_PER_RUN || turn.contains(id)) {
                    break;
                }
                turn.add(id);
            }
        }
        sweptUpTo = turn.isEmpty() ? null : turn.get(turn.size() - 1);
        return turn;
    }

    /** Compares one session with LiveKit's participant list now and folds what the webhooks missed. */
    public Uni<Outcome> reconcile(Session session) {
        return reconcile(session, true, null);
    }

    /**
     * @param askLiveKit false when LiveKit's room listing showed no such room
     * @param listedAt   when that listing was asked for (null: the participant list asked for now)
     */
    private Uni<Outcome> reconcile(Session session, boolean askLiveKit, Instant listedAt) {
        if (session.status == SessionStatus.ENDED) {
            return Uni.createFrom().item(new Outcome(session.id, "skipped", "the session has ended", List.of()));
        }
        String room = RoomName.of(session.id).value();
        Instant askedAt = askLiveKit ? Instant.now() : listedAt;
        Uni<List<LivekitModels.ParticipantInfo>> inTheRoom = askLiveKit ? rooms.listParticipants(room)
                : Uni.createFrom().item(List.of());
        return inTheRoom
                .ifNoItem().after(livekitTimeout).fail()
                .chain(listed -> participants.listBySession(session.id).chain(rows -> {
                    SessionState state = SessionMapper.toState(session, rows);
                    List<ListedParticipant> inRoom = listed == null ? List.of() : listed.stream().map(Reconciler::toListed).toList();
                    List<Sid> active = state.sids().values().stream().filter(SidState::active).map(SidState::sid).toList();
                    if (!inRoom.isEmpty()) {
                        nobody.someoneListed(session.id, active);
                    } else if (!active.isEmpty() && !nobody.confirmed(session.id, active, askedAt)) {
                        return Uni.createFrom().item(new Outcome(session.id, "skipped", "LiveKit lists nobody where webhooks "
                                + "say people are; believed once it still does after " + nobody.confirmAfter().toSeconds() + " s", List.of()));
                    }
                    List<SessionEvent> corrections = Corrections.between(state, inRoom, askedAt, grace);
                    return apply(session.id, corrections).map(applied -> new Outcome(session.id, "reconciled", null, applied));
                }))
                .onFailure().recoverWithItem(e -> {
                    registry.counter("rendezvous.reconcile.skipped").increment();
                    try (var mdc = SessionMdc.of(session.id)) {
                        Log.warnf("Reconciliation of %s skipped: %s", session.id, e.getMessage());
                    }
                    return new Outcome(session.id, "skipped", "LiveKit could not be asked", e.getMessage(), List.of());
                });
    }

    /** Applies the corrections together; returns the ones this run made (another replica or run may have made some). */
    private Uni<List<String>> apply(UUID sessionId, List<SessionEvent> corrections) {
        if (corrections.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Event ids name the session and the sid, so a correction is applied once however often it is found.
        return writer.apply(corrections.stream().map(c -> new Envelope(sessionId, c)).toList())
                .map(results -> {
                    List<String> made = new ArrayList<>();
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i).outcome() == SessionWriter.Outcome.DUPLICATE) {
                            continue;
                        }
                        SessionEvent.AboutParticipant correction = (SessionEvent.AboutParticipant) corrections.get(i);
                        String kind = word(correction.kind());
                        registry.counter("rendezvous.reconcile.corrections", "kind", kind).increment();
                        try (var mdc = SessionMdc.of(sessionId, correction.eventId())) {
                            Log.infof("Reconciliation: %s %s (%s) in %s", kind, correction.who().identity(),
                                    correction.who().sid(), correction.who().room());
                        }
                        made.add(kind + " " + correction.who().identity() + " (" + correction.who().sid() + ")");
                    }
                    return made;
                });
    }

    private static String word(SessionEvent.Kind kind) {
        return switch (kind) {
            case JOINED -> "joined";
            case TRACK_PUBLISHED -> "track-published";
            case TRACK_UNPUBLISHED -> "track-unpublished";
            default -> "left";
        };
    }

    private static ListedParticipant toListed(LivekitModels.ParticipantInfo p) {
        Map<String, MediaSource> tracks = new HashMap<>();
        p.getTracksList().forEach(t -> MediaSource.fromLiveKit(t.getSource().name()).ifPresent(source -> tracks.put(t.getSid(), source)));
        return new ListedParticipant(new Sid(p.getSid()), new Identity(p.getIdentity()), p.getMetadata(), p.getAttributesMap(),
                p.getJoinedAt() > 0 ? Instant.ofEpochSecond(p.getJoinedAt()) : null, tracks, ParticipantKind.fromWire(p.getKind().name()));
    }
}
