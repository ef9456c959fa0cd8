package dev.rendezvous.kernel.wire;

import java.util.Locale;

/** Where a session stands; ENDED is terminal. */
public enum SessionStatus {
    WAITING, READY, ENDED;

    /** The CloudEvents type of the signal that leaves a session in this status. */
    public String signalType() {
        return "rendezvous.session." + name().toLowerCase(Locale.ROOT);
    }

    /** The CloudEvents type of a session's first signal. */
    public static final String CREATED = "rendezvous.session.created";
}
