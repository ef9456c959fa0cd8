package dev.rendezvous.session.fold;

import java.util.Set;

/** Which sources a role publishes, from the tracks of its active sids. */
public record Media(boolean camera, boolean microphone) {

    public static final Media NONE = new Media(false, false);

    public static Media of(Set<MediaSource> sources) {
        return new Media(sources.contains(MediaSource.CAMERA), sources.contains(MediaSource.MICROPHONE));
    }

    /** True when every required source is published (screen share is never a snapshot field, so never required here). */
    public boolean covers(Set<MediaSource> required) {
        return (!required.contains(MediaSource.CAMERA) || camera) && (!required.contains(MediaSource.MICROPHONE) || microphone);
    }
}
