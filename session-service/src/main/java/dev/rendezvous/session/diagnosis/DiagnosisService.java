package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.TimelineRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;

import java.time.Instant;
import java.util.List;

/** Gathers what the diagnosis reads (timeline, LiveKit's participant list) and runs it. */
@ApplicationScoped
public class DiagnosisService {

    private final TimelineRepository timeline;
    private final LiveKitRooms rooms;
    private final LiveKitConfig livekit;
    private final MeterRegistry registry;

    public DiagnosisService(TimelineRepository timeline, LiveKitRooms rooms, LiveKitConfig livekit,
                           MeterRegistry registry) {
        this.timeline = timeline;
        this.rooms = rooms;
        this.livekit = livekit;
        this.registry = registry;
    }

    public Uni<DiagnosisReport> diagnose(Session session) {
        Uni<LiveKitProbe> probe = rooms.listParticipants(SessionIds.room(session.id))
                .map(list -> new LiveKitProbe(livekit.httpUrl(), null, identities(list)))
                .ifNoItem().after(livekit.timeout()).fail()
                .onFailure().recoverWithItem(e -> new LiveKitProbe(livekit.httpUrl(), e.getMessage(), List.of()));
        return timeline.listBySession(session.id).chain(entries -> probe.map(answer ->
                new SessionDiagnosis(SessionMapper.toView(session), entries.stream().map(Observed::of).toList(), answer,
                        Instant.now()).report()))
                .invoke(report -> registry.counter("rendezvous.diagnosis.calls", "status", report.status().name(),
                        "outcome", worst(report)).increment());
    }

    private static String worst(DiagnosisReport report) {
        return report.checks().stream().map(Check::status).max(Enum::compareTo).map(Enum::name).orElse("PASS");
    }

    private static List<String> identities(List<LivekitModels.ParticipantInfo> participants) {
        return participants == null ? List.of() : participants.stream().map(LivekitModels.ParticipantInfo::getIdentity).toList();
    }
}
