package dev.rendezvous.session;

/** Where a session stands; ENDED is terminal. */
public enum SessionStatus {
    WAITING, READY, ENDED;

    /** The CloudEvents type of the signal that announces this status. */
    public String signalType() {
        return "rendezvous.session." + name().toLowerCase();
    }
}
