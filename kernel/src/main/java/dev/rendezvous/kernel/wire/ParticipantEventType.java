package dev.rendezvous.kernel.wire;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CloudEvents types of {@code participant-events}, and the LiveKit webhook each comes from. */
public enum ParticipantEventType {
    JOINED("rendezvous.participant.joined", "participant_joined"),
    LEFT("rendezvous.participant.left", "participant_left"),
    CONNECTION_ABORTED("rendezvous.participant.connection-aborted", "participant_connection_aborted"),
    ROOM_STARTED("rendezvous.room.started", "room_started"),
    ROOM_FINISHED("rendezvous.room.finished", "room_finished"),
    TRACK_PUBLISHED("rendezvous.track.published", "track_published"),
    TRACK_UNPUBLISHED("rendezvous.track.unpublished", "track_unpublished");

    private static final Map<String, ParticipantEventType> BY_TYPE = Stream.of(values())
            .collect(Collectors.toMap(t -> t.type, Function.identity()));
    private static final Map<String, ParticipantEventType> BY_WEBHOOK = Stream.of(values())
            .collect(Collectors.toMap(t -> t.webhook, Function.identity()));

    private final String type;
    private final String webhook;

    ParticipantEventType(String type, String webhook) {
        this.type = type;
        this.webhook = webhook;
    }

    /** The CloudEvents type written on the topic. */
    public String type() {
        return type;
    }

    public static Optional<ParticipantEventType> ofType(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    /** The type a LiveKit webhook event ({@code participant_joined}, …) is published as; empty for one not published. */
    public static Optional<ParticipantEventType> ofWebhook(String event) {
        return Optional.ofNullable(event == null ? null : BY_WEBHOOK.get(event));
    }
}
