package dev.rendezvous.session.diagnosis;

import dev.rendezvous.session.diagnosis.Check.Status;

/**
 * What a check found, as a value the summary (and a client) can switch on; each reason has the one
 * status it is reported with.
 */
public enum Reason {
    LIVEKIT_ANSWERS(Status.PASS),
    LIVEKIT_UNREACHABLE(Status.FAIL),

    ROSTER_OK(Status.PASS),
    SAME_USER_BOTH_ROLES(Status.WARN),

    TOKEN_ISSUED(Status.PASS),
    NO_TOKEN_BUT_PRESENT(Status.PASS),
    TOKEN_EXPIRED_UNUSED(Status.WARN),
    NO_TOKEN(Status.FAIL),

    PRESENT(Status.PASS),
    JOINED_AND_GONE(Status.WARN),
    JOIN_NOT_COUNTED(Status.FAIL),
    NOT_JOINED(Status.FAIL),

    NOT_PRESENT_YET(Status.PASS),
    PUBLISHING(Status.PASS),
    MEDIA_MISSING(Status.WARN),

    /** Not both in the room: there is nothing of the other to play yet. */
    RECEPTION_NOT_DUE(Status.PASS),
    SEES_AND_HEARS(Status.PASS),
    /** Both are in the room and the page has not said what it plays (it may not use the browser module). */
    RECEPTION_NOT_REPORTED(Status.WARN),
    AUTOPLAY_BLOCKED(Status.FAIL),
    NOT_SUBSCRIBED(Status.FAIL),
    NO_VIDEO_FRAMES(Status.FAIL),
    NO_AUDIO(Status.FAIL),

    NOT_WAITING(Status.PASS),
    WAITING_IN_TIME(Status.PASS),
    WAITING_OVERDUE(Status.WARN),

    ONE_ROOM(Status.PASS),
    OTHER_ROOMS(Status.FAIL),

    IDENTITIES_CLEAN(Status.PASS),
    IDENTITY_DOUBTS(Status.WARN),
    IDENTITY_UNREADABLE(Status.FAIL),

    NOBODY_UNINVITED(Status.PASS),
    UNINVITED(Status.WARN),

    NOBODY_ELSE(Status.PASS),
    SERVICES_IN_ROOM(Status.PASS),
    RECORDING(Status.WARN),

    NO_DUPLICATE_IDENTITY(Status.PASS),
    DUPLICATE_IDENTITY(Status.WARN),

    NO_ABORTED_CONNECTION(Status.PASS),
    CONNECTIONS_ABORTED(Status.WARN),

    WEBHOOKS_RECEIVED(Status.PASS),
    NO_WEBHOOK_YET(Status.WARN),
    NO_WEBHOOK_AFTER_TOKEN(Status.FAIL),

    NOTHING_CORRECTED(Status.PASS),
    RECONCILIATION_CORRECTED(Status.WARN);

    private final Status status;

    Reason(Status status) {
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
