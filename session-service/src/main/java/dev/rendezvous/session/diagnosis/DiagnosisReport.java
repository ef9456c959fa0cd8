package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.wire.SessionStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer to "why am I still waiting?": every check, and one sentence. */
public record DiagnosisReport(UUID sessionId, SessionStatus status, long version, Instant generatedAt, String summary,
                              List<Check> checks) {

    /** The same report as a checklist a person reads top to bottom. */
    public String toText() {
        StringBuilder text = new StringBuilder()
                .append("Session ").append(sessionId).append(": ").append(status).append(" (version ").append(version)
                .append(", checked ").append(generatedAt).append(")\n")
                .append(summary).append("\n\n");
        for (Check check : checks) {
            text.append(String.format("[%s] %-22s %s%n", check.status(), check.check(), check.detail()));
        }
        return text.toString();
    }
}
