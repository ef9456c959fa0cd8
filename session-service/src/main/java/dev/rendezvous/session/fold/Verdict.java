package dev.rendezvous.session.fold;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the fold made of one event, as a code the timeline keeps and diagnosis switches on: counted
 * (it changed the session's sids or snapshot), recorded (kept, changes nothing by design), or ignored
 * for a stated reason.
 */
public enum Verdict {
    COUNTED,
    RECORDED,
    /** The session has ended: nothing changes it any more. */
    SESSION_ENDED,
    /** The event is from a room that is not the session's. */
    OTHER_ROOM,
    NO_SID,
    /** The participant claims no role that can be read. */
    ROLE_UNREADABLE,
    /** The participant's user id cannot be read: it counts for nobody. */
    USER_UNREADABLE,
    /** The participant's user is not the roster's user for the role it claims. */
    NOT_ON_ROSTER,
    SID_ALREADY_ACTIVE,
    SID_ALREADY_LEFT,
    TRACK_ALREADY_PUBLISHED,
    TRACK_ALREADY_UNPUBLISHED,
    /** A deadline event that found nothing due (a join folded before it, say). */
    NOT_DUE,
    /** No session id could be read from the event (kept, keyed by room). */
    NO_SESSION_ID,
    /** The event names a session that does not exist. */
    NO_SUCH_SESSION;

    /** Whether the fold did something with the event. */
    public boolean counted() {
        return this == COUNTED;
    }

    /** Whether the participant was turned away by the roster: an uninvited participant. */
    public boolean uninvited() {
        return this == USER_UNREADABLE || this == NOT_ON_ROSTER;
    }

    /** The timeline's code: {@code counted}, {@code recorded}, or {@code ignored:<reason>}. */
    public String code() {
        return switch (this) {
            case COUNTED -> "counted";
            case RECORDED -> "recorded";
            default -> "ignored:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /** The verdict a timeline code names; empty for the prose outcomes written before codes. */
    public static Optional<Verdict> ofCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }
}
