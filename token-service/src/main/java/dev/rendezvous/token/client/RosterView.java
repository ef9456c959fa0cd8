package dev.rendezvous.token.client;

/**
 * The part of session-service's snapshot that decides roles: who is the customer, who the mechanic,
 * and whether the session has ended. The API's answer and every session-signals record carry it.
 */
public record RosterView(String sessionId, String status, long version, Party customer, Party mechanic) {

    public record Party(String userId) {
    }

    public boolean isEnded() {
        return "ENDED".equals(status);
    }
}
