package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.session.fold.Reception;
import dev.rendezvous.session.fold.ReceptionProblem;

import static dev.rendezvous.session.diagnosis.Facts.clock;
import static dev.rendezvous.session.diagnosis.Facts.evidence;

/**
 * The last step of "really there": whether each role's page plays the other's video and sound, from
 * what the page reported. Publishing is not enough: a browser may block sound until a click, a
 * subscription may fail, frames may never decode.
 */
final class ReceptionChecks {

    private ReceptionChecks() {
    }

    static Check reception(Facts f, Role role) {
        String name = role.wire() + "-reception";
        Role other = role.other();
        if (!f.party(role).present() || !f.party(other).present()) {
            return Check.of(name, Reason.RECEPTION_NOT_DUE, "the " + role.wire() + " and the " + other.wire()
                    + " are not both in the room: there is nothing of the " + other.wire() + " to play yet", evidence());
        }
        Reception reception = f.reception(role);
        var evidence = evidence("video", reception.video(), "audio", reception.audio(),
                "problem", reception.problem() == null ? null : reception.problem().wire(), "reportedAt", reception.reportedAt());
        if (!reception.reported()) {
            return Check.of(name, Reason.RECEPTION_NOT_REPORTED, whyNot(f, role, Reason.RECEPTION_NOT_REPORTED), evidence);
        }
        String at = " (reported at " + clock(reception.reportedAt()) + ")";
        if (reception.video() && reception.audio()) {
            return Check.of(name, Reason.SEES_AND_HEARS, "the " + role.wire() + "'s page plays the " + other.wire()
                    + "'s video and sound" + at, evidence);
        }
        Reason reason = reasonOf(reception);
        return Check.of(name, reason, whyNot(f, role, reason) + at, evidence);
    }

    /** The page's own word first; without one, what is missing. */
    private static Reason reasonOf(Reception reception) {
        ReceptionProblem problem = reception.problem();
        if (problem == null) {
            return reception.video() ? Reason.NO_AUDIO : Reason.NO_VIDEO_FRAMES;
        }
        return switch (problem) {
            case AUTOPLAY_BLOCKED -> Reason.AUTOPLAY_BLOCKED;
            case NOT_SUBSCRIBED -> Reason.NOT_SUBSCRIBED;
            case NO_VIDEO_FRAMES -> Reason.NO_VIDEO_FRAMES;
            case NO_AUDIO -> Reason.NO_AUDIO;
        };
    }

    /** Why the role's page does not play the other, for a person to act on (the summary says it too). */
    static String whyNot(Facts f, Role role, Reason reason) {
        Role other = role.other();
        String page = "the " + role.wire() + "'s page";
        return switch (reason) {
            case RECEPTION_NOT_REPORTED -> page + " has not reported what it plays of the " + other.wire()
                    + " (a page with the browser module reports it on its own)";
            case AUTOPLAY_BLOCKED -> "the " + role.wire() + "'s browser blocked sound: they need to click to hear the " + other.wire();
            case NOT_SUBSCRIBED -> page + " is not subscribed to the " + other.wire() + "'s tracks: it receives nothing of them";
            case NO_VIDEO_FRAMES -> page + " decodes no video frames from the " + other.wire() + ": their tile stays black"
                    + (f.party(other).media().camera() ? "" : " (the " + other.wire() + " publishes no camera)");
            default -> page + " plays no sound from the " + other.wire()
                    + (f.party(other).media().microphone() ? "" : " (the " + other.wire() + " publishes no microphone)");
        };
    }
}
