package dev.rendezvous.session.diagnosis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rendezvous.kernel.RateLimit;
import dev.rendezvous.kernel.Refusal;
import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.config.SessionConfig;
import dev.rendezvous.session.fold.Reception;
import dev.rendezvous.session.fold.SessionState;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.Session;
import dev.rendezvous.session.repository.SessionToken;
import dev.rendezvous.session.repository.TimelineRepository;
import dev.rendezvous.session.repository.TokenRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers what the diagnosis reads, each a bounded read however long the session has run: the latest
 * {@value #TIMELINE_READ} timeline entries, one token row per role, and LiveKit's participant list.
 */
@ApplicationScoped
public class DiagnosisService {

    /** Timeline entries read: enough for every check, few enough that no session's history can take a replica down. */
    static final int TIMELINE_READ = 500;
    /** How long one LiveKit answer serves every diagnosis of its session (the support view asks after each change). */
    static final Duration PROBE_SHARED_FOR = Duration.ofSeconds(2);

    private final TimelineRepository timeline;
    private final TokenRepository tokens;
    private final LiveKitRooms rooms;
    private final LiveKitConfig livekit;
    private final MeterRegistry registry;
    private final RateLimit limit;
    /** One LiveKit question per session at a time, and its answer for a moment: bounded in sessions and in time. */
    private final Cache<UUID, CompletableFuture<LiveKitProbe>> probes = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(PROBE_SHARED_FOR).build();

    public DiagnosisService(TimelineRepository timeline, TokenRepository tokens, LiveKitRooms rooms, LiveKitConfig livekit,
                            MeterRegistry registry, SessionConfig config) {
        this.limit = new RateLimit(config.diagnosisBurst(), config.diagnosisPerMinute(), 100_000, Ticker.systemTicker());
        this.timeline = timeline;
        this.tokens = tokens;
        this.rooms = rooms;
        this.livekit = livekit;
        this.registry = registry;
    }

    /**
     * The report for this caller: limited per user (each asks LiveKit, on the caller's behalf), with one
     * LiveKit question per session shared by every diagnosis within {@link #PROBE_SHARED_FOR}; a roster
     * member sees reasons, a backend also where LiveKit runs and how it failed.
     */
    public Uni<DiagnosisReport> diagnose(Session session, String userId, boolean internals) {
        Duration wait = limit.take(String.valueOf(userId));
        if (!wait.isZero()) {
            throw Refusal.tooMany("too-many-diagnoses", "too many diagnoses asked for by you; ask again in "
                    + Math.max(1, wait.toSeconds()) + " s", wait);
        }
        Uni<LiveKitProbe> probe = sharedProbe(session);
        if (!internals) {
            probe = probe.map(LiveKitProbe::withoutInternals);
        }
        return diagnose(session, probe);
    }

    /** LiveKit's answer for the session's room, asked once and shared by the diagnoses of the next moments. */
    private Uni<LiveKitProbe> sharedProbe(Session session) {
        Context caller = Vertx.currentContext();
        Uni<LiveKitProbe> shared = Uni.createFrom().completionStage(() -> probes.get(session.id, id ->
                rooms.listParticipants(RoomName.of(id).value())
                        .map(list -> new LiveKitProbe(livekit.httpUrl(), null, identities(list)))
                        .ifNoItem().after(livekit.timeout()).fail()
                        .onFailure().recoverWithItem(e -> new LiveKitProbe(livekit.httpUrl(), e.getMessage(), List.of()))
                        .subscribeAsCompletionStage()));
        // The answer may come on another request's context: the rest of this one goes on on its own.
        return caller == null ? shared : shared.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Uni<DiagnosisReport> diagnose(Session session, Uni<LiveKitProbe> probe) {
        return timeline.latest(session.id, TIMELINE_READ)
                .chain(entries -> tokens.listBySession(session.id)
                        .chain(minted -> probe.map(answer -> new SessionDiagnosis(SessionMapper.toSnapshot(session),
                                entries.stream().map(Observed::of).filter(o -> o.kind() != null).toList(), byRole(minted),
                                receptions(SessionMapper.toState(session, List.of())), answer, Instant.now()).report())))
                .invoke(report -> registry.counter("rendezvous.diagnosis.calls", "status", report.status().name(),
                        "outcome", worst(report)).increment());
    }

    private static Map<Role, Facts.Tokens> byRole(List<SessionToken> rows) {
        Map<Role, Facts.Tokens> byRole = new EnumMap<>(Role.class);
        rows.forEach(t -> Role.fromWire(t.role()).ifPresent(role -> byRole.put(role, new Facts.Tokens(t.identity(), t.room(),
                t.firstIssuedAt(), t.issuedAt(), t.expiresAt(), t.eventId(), t.minted()))));
        return byRole;
    }

    /** Each required role's page's last report, as the fold keeps it (the snapshot shows only video and audio). */
    private static Map<Role, Reception> receptions(SessionState state) {
        Map<Role, Reception> receptions = new EnumMap<>(Role.class);
        state.members().stream().filter(m -> m.role().isRequired()).forEach(m -> receptions.put(m.role(), m.reception()));
        return receptions;
    }

    private static String worst(DiagnosisReport report) {
        return report.checks().stream().map(Check::status).max(Enum::compareTo).map(Enum::name).orElse("PASS");
    }

    private static List<String> identities(List<LivekitModels.ParticipantInfo> participants) {
        return participants == null ? List.of() : participants.stream().map(LivekitModels.ParticipantInfo::getIdentity).toList();
    }
}
