package dev.rendezvous.session.diagnosis;

/** A sentence for why the fold did not count an event, from its verdict (rows from before verdicts were codes keep their prose). */
final class Verdicts {

    private Verdicts() {
    }

    static String why(Facts f, Observed e) {
        if (e.verdict() == null) {
            return e.outcome();
        }
        String claimed = e.role() == null ? "no role" : "the " + e.role().wire() + " (from " + e.roleSource() + ")";
        return switch (e.verdict()) {
            case OTHER_ROOM -> "it is from room " + e.room() + ", not " + f.room();
            case NO_SID -> "LiveKit gave no participant sid";
            case ROLE_UNREADABLE -> "no role can be read from its metadata, attributes or identity";
            case USER_UNREADABLE -> "it claims " + claimed + " but no user id can be read, so it counts for nobody";
            case NOT_ON_ROSTER -> "it claims " + claimed + " as user " + e.userId() + ", but the roster's " + e.role().wire()
                    + (e.role().isRequired() ? " is " + f.party(e.role()).userId() : "s are " + f.usersOf(e.role()));
            case SESSION_ENDED -> "the session had ended";
            case SID_ALREADY_ACTIVE -> "its sid was already in the room";
            case SID_ALREADY_LEFT -> "its sid had already left (a sid that left never comes back)";
            default -> e.verdict().code();
        };
    }
}
