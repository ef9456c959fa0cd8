package dev.rendezvous.session.diagnosis;

import java.util.Map;

/**
 * One question of the diagnosis and its answer: what was found (the reason, which sets the status),
 * a sentence for people, and the facts it was read from.
 */
public record Check(String check, Status status, Reason reason, String detail, Map<String, Object> evidence) {

    public enum Status { PASS, WARN, FAIL }

    public static Check of(String check, Reason reason, String detail, Map<String, Object> evidence) {
        return new Check(check, reason.status(), reason, detail, evidence);
    }
}
