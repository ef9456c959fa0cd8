package dev.rendezvous.session.config;

import dev.rendezvous.session.fold.MediaSource;
import dev.rendezvous.session.fold.Timeouts;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

@ConfigMapping(prefix = "rendezvous.session")
public interface SessionConfig {

    /** SESSION_NO_SHOW_TIMEOUT: a session nobody joined within this time after creation ends as "expired". */
    @WithDefault("PT2H")
    Duration noShowTimeout();

    /** SESSION_IDLE_TIMEOUT: a session joined, then with nobody present this long, ends as "abandoned". */
    @WithDefault("PT30M")
    Duration idleTimeout();

    /** WAIT_OVERDUE_AFTER: a role waiting this long for the other is overdue (a change of the snapshot). */
    @WithDefault("PT2M")
    Duration waitOverdueAfter();

    /** DEADLINE_CHECK_INTERVAL: how often the sessions whose deadline has passed are looked for (a scheduler period). */
    @WithDefault("5s")
    String deadlineCheckInterval();

    /** SSE_HEARTBEAT_INTERVAL: how often an idle event stream sends a comment so proxies keep it open. */
    @WithDefault("PT15S")
    Duration heartbeatInterval();

    /** SSE_BUFFER_SIZE: signals buffered for a slow SSE client before its stream is closed (it resumes with Last-Event-ID). */
    @WithDefault("64")
    int streamBufferSize();

    /**
     * MEDIA_REQUIRED: the sources each role must publish for mediaReady, comma-separated among
     * camera, microphone ("microphone" for audio-only sessions; "none": presence is enough).
     */
    @WithDefault("camera,microphone")
    String mediaRequired();

    /** FOLD_STUCK_AFTER: how long a partition's fold may keep failing before readiness reports it. */
    @WithDefault("PT10S")
    Duration foldStuckAfter();

    /** RECEPTION_REPORT_BURST: reception reports one user may send for one session at once. */
    @WithDefault("20")
    int receptionReportBurst();

    /** RECEPTION_REPORT_PER_MINUTE: reports that user regains per minute once the burst is spent. */
    @WithDefault("30")
    int receptionReportPerMinute();

    /** STREAMS_PER_USER: streams one user may hold open on one replica at once. */
    @WithDefault("20")
    int streamsPerUser();

    /** DIAGNOSIS_BURST: diagnoses one user may ask for at once (each may ask LiveKit on their behalf). */
    @WithDefault("30")
    int diagnosisBurst();

    /** DIAGNOSIS_PER_MINUTE: diagnoses that user regains per minute once the burst is spent. */
    @WithDefault("60")
    int diagnosisPerMinute();

    /** The times after which time changes a session, as the fold reads them. */
    default Timeouts timeouts() {
        return new Timeouts(noShowTimeout(), idleTimeout(), waitOverdueAfter());
    }

    /** {@link #mediaRequired()} read. */
    default Set<MediaSource> requiredMedia() {
        String value = mediaRequired().trim();
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return Set.of();
        }
        try {
            return Arrays.stream(value.split(",")).map(MediaSource::fromWire).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MEDIA_REQUIRED is '" + value + "': give camera, microphone or both, "
                    + "comma-separated, or none");
        }
    }
}
