package dev.rendezvous.token.client;

/** The part of session-service's snapshot that decides roles: who is the customer, who the mechanic. */
public record RosterView(String sessionId, String status, Party customer, Party mechanic) {

    public record Party(String userId) {
    }

    public boolean isEnded() {
        return "ENDED".equals(status);
    }
}
