package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.wire.SessionStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to "why am I still waiting?": every check, one sentence, and what happened to each role on
 * one time axis (the support view draws it as lanes).
 */
public record DiagnosisReport(UUID sessionId, SessionStatus status, long version, Instant generatedAt, String summary,
                              List<Check> checks, List<Moments.Moment> moments) {

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
