package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.RoomName;
import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionToken;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.TimelineRepository;
import dev.rendezvous.session.repository.TokenRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what the diagnosis reads, each a bounded read however long the session has run: the latest
 * {@value #TIMELINE_READ} timeline entries, one token row per role, and LiveKit's participant list.
 */
@ApplicationScoped
public class DiagnosisService {

    /** Timeline entries read: enough for every check, few enough that no session's history can take a replica down. */
    static final int TIMELINE_READ = 500;

    private final TimelineRepository timeline;
    private final TokenRepository tokens;
    private final LiveKitRooms rooms;
    private final LiveKitConfig livekit;
    private final MeterRegistry registry;

    public DiagnosisService(TimelineRepository timeline, TokenRepository tokens, LiveKitRooms rooms, LiveKitConfig livekit,
                            MeterRegistry registry) {
        this.timeline = timeline;
        this.tokens = tokens;
        this.rooms = rooms;
        this.livekit = livekit;
        this.registry = registry;
    }

    public Uni<DiagnosisReport> diagnose(Session session) {
        Uni<LiveKitProbe> probe = rooms.listParticipants(RoomName.of(session.id).value())
                .map(list -> new LiveKitProbe(livekit.httpUrl(), null, identities(list)))
                .ifNoItem().after(livekit.timeout()).fail()
                .onFailure().recoverWithItem(e -> new LiveKitProbe(livekit.httpUrl(), e.getMessage(), List.of()));
        return timeline.latest(session.id, TIMELINE_READ)
                .chain(entries -> tokens.listBySession(session.id)
                        .chain(minted -> probe.map(answer -> new SessionDiagnosis(SessionMapper.toSnapshot(session),
                                entries.stream().map(Observed::of).filter(o -> o.kind() != null).toList(), byRole(minted),
                                SessionMapper.toState(session, List.of()).receptions(), answer, Instant.now()).report())))
                .invoke(report -> registry.counter("rendezvous.diagnosis.calls", "status", report.status().name(),
                        "outcome", worst(report)).increment());
    }

    private static Map<Role, Facts.Tokens> byRole(List<SessionToken> rows) {
        Map<Role, Facts.Tokens> byRole = new EnumMap<>(Role.class);
        rows.forEach(t -> Role.fromWire(t.role).ifPresent(role -> byRole.put(role, new Facts.Tokens(t.identity, t.room,
                t.firstIssuedAt, t.issuedAt, t.expiresAt, t.eventId, t.minted))));
        return byRole;
    }

    private static String worst(DiagnosisReport report) {
        return report.checks().stream().map(Check::status).max(Enum::compareTo).map(Enum::name).orElse("PASS");
    }

    private static List<String> identities(List<LivekitModels.ParticipantInfo> participants) {
        return participants == null ? List.of() : participants.stream().map(LivekitModels.ParticipantInfo::getIdentity).toList();
    }
}
