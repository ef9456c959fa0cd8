package dev.rendezvous.session.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionStatus;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.fold.PresenceEvent;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.messaging.SignalRelay;
import dev.rendezvous.session.repository.JobLeases;
import dev.rendezvous.session.repository.ParticipantRepository;
import dev.rendezvous.session.repository.SessionRepository;
import dev.rendezvous.session.service.SessionUpdater;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Corrects what LiveKit's best-effort webhooks missed by comparing open sessions with LiveKit's
 * participant list, periodically and on demand. Corrections go through the same fold as webhooks.
 * When LiveKit cannot be reached, nothing is touched and the skip is reported.
 */
@ApplicationScoped
public class Reconciler {

    /** What one reconciliation did. */
    public record Outcome(UUID sessionId, String status, String reason, List<String> corrections) {
    }

    private final SessionRepository sessions;
    private final ParticipantRepository participants;
    private final LiveKitRooms rooms;
    private final SessionUpdater updater;
    private final SignalRelay relay;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Duration grace;
    private final JobLeases leases;
    private final Duration interval;

    public Reconciler(SessionRepository sessions, ParticipantRepository participants, LiveKitRooms rooms,
                      SessionUpdater updater, SignalRelay relay, ObjectMapper json, MeterRegistry registry,
                      @ConfigProperty(name = "rendezvous.reconcile.grace") Duration grace, JobLeases leases,
                      @ConfigProperty(name = "rendezvous.reconcile.lease", defaultValue = "PT30S") Duration interval) {
        this.sessions = sessions;
        this.participants = participants;
        this.rooms = rooms;
        this.updater = updater;
        this.relay = relay;
        this.json = json;
        this.registry = registry;
        this.grace = grace;
        this.leases = leases;
        this.interval = interval;
    }

    @Scheduled(every = "${rendezvous.reconcile.interval}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileOpenSessions() {
        // One replica per interval asks LiveKit; the lease runs out by itself if that replica dies.
        return leases.tryTake("reconcile", interval.multipliedBy(9).dividedBy(10))
                .chain(mine -> mine ? reconcileAllOpen() : Uni.createFrom().voidItem());
    }

    private Uni<Void> reconcileAllOpen() {
        return sessions.listOpen(200)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::reconcile)
                .collect().asList()
                .invoke(outcomes -> {
                    long corrected = outcomes.stream().mapToLong(o -> o.corrections().size()).sum();
                    if (corrected > 0) {
                        Log.infof("Reconciliation corrected %d participant(s) in %d open session(s)", corrected, outcomes.size());
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Outcome> reconcile(Session session) {
        if (session.status == SessionStatus.ENDED) {
            return Uni.createFrom().item(new Outcome(session.id, "skipped", "the session has ended", List.of()));
        }
        String room = "session-" + session.id;
        return rooms.listParticipants(room)
                .ifNoItem().after(Duration.ofSeconds(6)).fail()
                .chain(listed -> participants.listBySession(session.id).chain(rows -> {
                    List<PresenceEvent> corrections = Corrections.between(SessionMapper.toState(session, rows),
                            listed == null ? List.of() : listed.stream().map(Reconciler::toListed).toList(),
                            Instant.now(), grace);
                    return Multi.createFrom().iterable(corrections)
                            .onItem().transformToUniAndConcatenate(this::apply)
                            .filter(Objects::nonNull)
                            .collect().asList()
                            .call(applied -> applied.isEmpty() ? Uni.createFrom().voidItem() : relay.publishPending())
                            .map(applied -> new Outcome(session.id, "reconciled", null, applied));
                }))
                .onFailure().recoverWithItem(e -> {
                    registry.counter("rendezvous.reconcile.skipped").increment();
                    Log.warnf("Reconciliation of %s skipped: %s", session.id, e.getMessage());
                    return new Outcome(session.id, "skipped", "LiveKit could not be asked: " + e.getMessage(), List.of());
                });
    }

    private Uni<String> apply(PresenceEvent correction) {
        String kind = correction.kind() == PresenceEvent.Kind.JOINED ? "joined" : "left";
        UUID sessionId = UUID.fromString(correction.room().substring("session-".length()));
        // Event ids name the session and the sid, so a correction is applied once however often it is found.
        return updater.apply(sessionId, correction, "rendezvous.participant." + kind, payload(correction))
                .map(result -> {
                    if (result.outcome() == SessionUpdater.Outcome.DUPLICATE) {
                        return null; // another replica, or an earlier run, made this correction already
                    }
                    registry.counter("rendezvous.reconcile.corrections", "kind", kind).increment();
                    Log.infof("Reconciliation: %s %s (%s) in %s", kind, correction.identity(), correction.participantSid(), correction.room());
                    return kind + " " + correction.identity() + " (" + correction.participantSid() + ")";
                });
    }

    private String payload(PresenceEvent correction) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("eventId", correction.eventId());
        value.put("source", "reconciliation");
        value.put("room", correction.room());
        value.put("identity", correction.identity());
        value.put("participantSid", correction.participantSid());
        value.put("role", correction.role() == null ? "unknown" : correction.role().wire());
        value.put("roleSource", "reconciliation");
        value.put("userId", correction.userId());
        value.put("disconnectReason", correction.reason());
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ListedParticipant toListed(LivekitModels.ParticipantInfo p) {
        return new ListedParticipant(p.getSid(), p.getIdentity(), p.getMetadata(), p.getAttributesMap(),
                p.getJoinedAt() > 0 ? Instant.ofEpochSecond(p.getJoinedAt()) : null);
    }
}
