package dev.rendezvous.session.repository;

import java.time.Instant;

/**
 * One member of a session's roster as stored (a row of {@code session_members}): who, in which role,
 * whether present and publishing what, and what their page last said it plays of the other role.
 *
 * @param identity the identity they are present under, or were last; null if they never came
 * @param since since when they are present; null while absent
 * @param reportedAt when their page last reported reception; null: not since the required roles were last all present
 */
public record SessionMember(String userId, String role, String identity, Instant since, boolean camera, boolean microphone,
                            boolean receivesVideo, boolean receivesAudio, String receptionProblem, Instant reportedAt) {

    /** A member who has not come yet. */
    public static SessionMember invited(String userId, String role) {
        return new SessionMember(userId, role, null, null, false, false, false, false, null, null);
    }
}
