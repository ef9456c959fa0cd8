package dev.rendezvous.session.fold;

import java.util.Locale;
import java.util.Optional;

/** What a published track carries, as LiveKit names its source. */
public enum MediaSource {
    CAMERA, MICROPHONE, SCREEN_SHARE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The source of a LiveKit track source name ({@code CAMERA}, {@code SCREEN_SHARE_AUDIO}, …); empty for UNKNOWN. */
    public static Optional<MediaSource> fromLiveKit(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "CAMERA" -> Optional.of(CAMERA);
            case "MICROPHONE" -> Optional.of(MICROPHONE);
            case "SCREEN_SHARE", "SCREEN_SHARE_AUDIO" -> Optional.of(SCREEN_SHARE);
            default -> Optional.empty();
        };
    }

    /** A source named in configuration ({@code camera}, {@code microphone}, {@code screen-share}). */
    public static MediaSource fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
