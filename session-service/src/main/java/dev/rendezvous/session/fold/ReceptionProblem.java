package dev.rendezvous.session.fold;

import java.util.Arrays;
import java.util.Optional;

/** Why a page does not play the other role's video or audio, as the page reports it. */
public enum ReceptionProblem {
    /** The browser blocked sound until the person clicks (autoplay policy). */
    AUTOPLAY_BLOCKED("autoplay-blocked"),
    /** The other's camera track is subscribed but no frames decode (a black tile). */
    NO_VIDEO_FRAMES("no-video-frames"),
    /** The other's microphone track is subscribed but no sound plays. */
    NO_AUDIO("no-audio"),
    /** The page is not subscribed to the other's tracks (the subscription failed or never came). */
    NOT_SUBSCRIBED("not-subscribed");

    private final String wire;

    ReceptionProblem(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ReceptionProblem> ofWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
