package dev.rendezvous.session.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.Session;
import dev.rendezvous.session.SessionIds;
import dev.rendezvous.session.TimelineEntry;
import dev.rendezvous.session.client.LiveKitRooms;
import dev.rendezvous.session.config.LiveKitConfig;
import dev.rendezvous.session.mapping.SessionMapper;
import dev.rendezvous.session.repository.TimelineRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import livekit.LivekitModels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gathers what the diagnosis reads (timeline, LiveKit's participant list) and runs it. */
@ApplicationScoped
public class DiagnosisService {

    private final TimelineRepository timeline;
    private final LiveKitRooms rooms;
    private final LiveKitConfig livekit;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public DiagnosisService(TimelineRepository timeline, LiveKitRooms rooms, LiveKitConfig livekit, ObjectMapper json,
                           MeterRegistry registry) {
        this.timeline = timeline;
        this.rooms = rooms;
        this.livekit = livekit;
        this.json = json;
        this.registry = registry;
    }

    public Uni<DiagnosisReport> diagnose(Session session) {
        Uni<LiveKitProbe> probe = rooms.listParticipants(SessionIds.room(session.id))
                .map(list -> new LiveKitProbe(livekit.httpUrl(), null, identities(list)))
                .ifNoItem().after(livekit.timeout()).fail()
                .onFailure().recoverWithItem(e -> new LiveKitProbe(livekit.httpUrl(), e.getMessage(), List.of()));
        return timeline.listBySession(session.id).chain(entries -> probe.map(answer ->
                new SessionDiagnosis(SessionMapper.toView(session), entries.stream().map(this::read).toList(), answer,
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

    /** The timeline entry with the fields of its payload the checks need. */
    Observed read(TimelineEntry entry) {
        JsonNode payload = parse(entry.payload);
        List<String> problems = new ArrayList<>();
        payload.path("problems").forEach(p -> problems.add(p.path("code").asText()));
        return new Observed(entry.eventId, entry.type, entry.room, entry.identity, text(payload, "role"),
                text(payload, "roleSource"), text(payload, "userId"), text(payload, "disconnectReason"), problems,
                entry.occurredAt, entry.receivedAt, instant(payload, "expiresAt"), entry.outcome);
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload == null ? "{}" : payload);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (Exception e) {
            return null;
        }
    }
}
