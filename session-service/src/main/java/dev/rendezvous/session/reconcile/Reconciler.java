package dev.rendezvous.session.reconcile;

import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.SessionMdc;
import dev.rendezvous.session.SessionStatus;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.config.ReconcileConfig;
import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.JobLeases;
import dev.rendezvous.session.repository.ParticipantRepository;
import dev.rendezvous.session.repository.SessionRepository;
import dev.rendezvous.session.service.ScheduledRuns;
import dev.rendezvous.session.service.SessionEvent;
import dev.rendezvous.session.service.SessionWriter;
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
import java.util.UUID;

/**
 * Corrects what LiveKit's best-effort webhooks missed by comparing open sessions with LiveKit's
 * participant list, periodically and on demand. Corrections go through the same fold as webhooks;
 * a session whose room has listed nobody for longer than the departure timeout ends as room-gone.
 * When LiveKit cannot be reached, or answers anything but its own "no such room", nothing is touched
 * and the skip is reported.
 */
@ApplicationScoped
public class Reconciler {

    private static final int PAGE = 200;

    /** What one reconciliation did. */
    public record Outcome(UUID sessionId, String status, String reason, List<String> corrections) {
    }

    private final SessionRepository sessions;
    private final ParticipantRepository participants;
    private final LiveKitRooms rooms;
    private final SessionWriter writer;
    private final MeterRegistry registry;
    private final Duration grace;
    private final JobLeases leases;
    private final Duration lease;
    private final Duration departure;
    private final Duration livekitTimeout;

    public Reconciler(SessionRepository sessions, ParticipantRepository participants, LiveKitRooms rooms,
                      SessionWriter writer, MeterRegistry registry, JobLeases leases,
                      ReconcileConfig config, LiveKitConfig livekit) {
        this.sessions = sessions;
        this.participants = participants;
        this.rooms = rooms;
        this.writer = writer;
        this.registry = registry;
        this.grace = config.grace();
        this.leases = leases;
        this.lease = config.lease();
        this.departure = config.departureTimeout();
        this.livekitTimeout = livekit.timeout();
    }

    @Scheduled(every = "${rendezvous.reconcile.interval}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileOpenSessions() {
        // One replica per interval asks LiveKit; the lease runs out by itself if that replica dies.
        return ScheduledRuns.retriedNextRun("Reconciliation", leases.tryTake("reconcile", lease)
                .chain(mine -> mine ? reconcileAllOpen() : Uni.createFrom().voidItem()));
    }

    private Uni<Void> reconcileAllOpen() {
        return reconcilePagesAfter(null, 0, 0);
    }

    /**
     * Every open session, a page at a time in id order, so no number of leftovers starves the newer
     * ones. The lease is renewed before each page; if another replica holds it by then, this run stops.
     */
    private Uni<Void> reconcilePagesAfter(UUID after, int sessionsSeen, long corrected) {
        return sessions.listOpenAfter(after, PAGE)
                .chain(page -> Multi.createFrom().iterable(page)
                        // One at a time: the sessions are read through one reactive Hibernate session.
                        .onItem().transformToUniAndConcatenate(this::reconcile)
                        .collect().asList()
                        .chain(outcomes -> {
                            long total = corrected + outcomes.stream().mapToLong(o -> o.corrections().size()).sum();
                            int seen = sessionsSeen + outcomes.size();
                            if (page.size() < PAGE) {
                                if (total > 0) {
                                    Log.infof("Reconciliation corrected %d participant(s) in %d open session(s)", total, seen);
                                }
                                return Uni.createFrom().voidItem();
                            }
                            UUID last = page.get(page.size() - 1).id;
                            return leases.tryTake("reconcile", lease).chain(stillMine -> stillMine
                                    ? reconcilePagesAfter(last, seen, total) : Uni.createFrom().voidItem());
                        }));
    }


    public Uni<Outcome> reconcile(Session session) {
        if (session.status == SessionStatus.ENDED) {
            return Uni.createFrom().item(new Outcome(session.id, "skipped", "the session has ended", List.of()));
        }
        String room = SessionIds.room(session.id);
        return rooms.listParticipants(room)
                .ifNoItem().after(livekitTimeout).fail()
                .chain(listed -> participants.listBySession(session.id).chain(rows -> {
                    List<PresenceEvent> corrections = Corrections.between(SessionMapper.toState(session, rows),
                            listed == null ? List.of() : listed.stream().map(Reconciler::toListed).toList(),
                            Instant.now(), grace, departure);
                    return apply(session.id, corrections).map(applied -> new Outcome(session.id, "reconciled", null, applied));
                }))
                .onFailure().recoverWithItem(e -> {
                    registry.counter("rendezvous.reconcile.skipped").increment();
                    try (var mdc = SessionMdc.of(session.id)) {
                        Log.warnf("Reconciliation of %s skipped: %s", session.id, e.getMessage());
                    }
                    return new Outcome(session.id, "skipped", "LiveKit could not be asked: " + e.getMessage(), List.of());
                });
    }

    /** Applies the corrections together; returns the ones this run made (another replica or run may have made some). */
    private Uni<List<String>> apply(UUID sessionId, List<PresenceEvent> corrections) {
        if (corrections.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Event ids name the session and the sid, so a correction is applied once however often it is found.
        return writer.apply(corrections.stream()
                        .map(c -> new SessionEvent(sessionId, c)).toList())
                .map(results -> {
                    List<String> made = new ArrayList<>();
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i).outcome() == SessionWriter.Outcome.DUPLICATE) {
                            continue;
                        }
                        PresenceEvent correction = corrections.get(i);
                        registry.counter("rendezvous.reconcile.corrections", "kind", kind(correction)).increment();
                        try (var mdc = SessionMdc.of(sessionId, correction.eventId())) {
                            Log.infof("Reconciliation: %s %s (%s) in %s", kind(correction), correction.identity(),
                                    correction.participantSid(), correction.room());
                        }
                        made.add(kind(correction) + " " + correction.identity() + " (" + correction.participantSid() + ")");
                    }
                    return made;
                });
    }

    private static String kind(PresenceEvent correction) {
        return switch (correction.kind()) {
            case JOINED -> "joined";
            case ENDED -> Corrections.ROOM_GONE;
            case TRACK_PUBLISHED -> "track-published";
            case TRACK_UNPUBLISHED -> "track-unpublished";
            default -> "left";
        };
    }

    private static ListedParticipant toListed(LivekitModels.ParticipantInfo p) {
        Map<String, MediaSource> tracks = new HashMap<>();
        p.getTracksList().forEach(t -> MediaSource.fromLiveKit(t.getSource().name()).ifPresent(source -> tracks.put(t.getSid(), source)));
        return new ListedParticipant(p.getSid(), p.getIdentity(), p.getMetadata(), p.getAttributesMap(),
                p.getJoinedAt() > 0 ? Instant.ofEpochSecond(p.getJoinedAt()) : null, tracks);
    }
}
