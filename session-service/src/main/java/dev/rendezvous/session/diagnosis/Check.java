package dev.rendezvous.session.diagnosis;

import java.util.Map;

/** One question of the diagnosis and its answer, with what it was read from. */
public record Check(String check, Status status, String detail, Map<String, Object> evidence) {

    public enum Status { PASS, WARN, FAIL }

    public static Check pass(String check, String detail, Map<String, Object> evidence) {
        return new Check(check, Status.PASS, detail, evidence);
    }

    public static Check warn(String check, String detail, Map<String, Object> evidence) {
        return new Check(check, Status.WARN, detail, evidence);
    }

    public static Check fail(String check, String detail, Map<String, Object> evidence) {
        return new Check(check, Status.FAIL, detail, evidence);
    }
}
