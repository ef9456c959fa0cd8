package dev.rendezvous.session.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.rendezvous.session.diagnosis.Facts.clock;
import static dev.rendezvous.session.diagnosis.Facts.evidence;

/** LiveKit and us: whether it answers, whether its webhooks reach us, and whether its participant list had to correct them. */
final class LiveKitChecks {

    /** How long after a token without any webhook the silence counts as a failure, not just early. */
    static final Duration WEBHOOK_SILENCE = Duration.ofSeconds(30);

    private LiveKitChecks() {
    }

    static Check livekit(Facts f) {
        LiveKitProbe livekit = f.livekit();
        var evidence = evidence("url", livekit.url(), "participants", livekit.identities());
        if (!livekit.reachable()) {
            return Check.of("livekit", Reason.LIVEKIT_UNREACHABLE, "LiveKit cannot be reached" + at(livekit) + ": "
                    + livekit.error(), evidence);
        }
        return Check.of("livekit", Reason.LIVEKIT_ANSWERS, "LiveKit answers" + at(livekit) + " and lists "
                + livekit.identities().size() + " participant(s) in " + f.room()
                + (livekit.identities().isEmpty() ? "" : ": " + String.join(", ", livekit.identities())), evidence);
    }

    static String at(LiveKitProbe livekit) {
        return livekit.url() == null ? "" : " at " + livekit.url();
    }

    static Check webhooks(Facts f) {
        List<Observed> webhooks = f.timeline().stream().filter(Observed::isWebhook).toList();
        if (!webhooks.isEmpty()) {
            Observed last = webhooks.get(webhooks.size() - 1);
            return Check.of("webhooks", Reason.WEBHOOKS_RECEIVED, webhooks.size() + " webhook(s) received for this session, "
                    + "the last (" + last.type() + ") at " + clock(last.receivedAt()), evidence("last", last.eventId()));
        }
        Optional<Instant> firstToken = f.tokens().values().stream().map(Facts.Tokens::firstIssuedAt)
                .min(Comparator.naturalOrder());
        if (firstToken.isPresent() && firstToken.get().plus(WEBHOOK_SILENCE).isBefore(f.now())) {
            return Check.of("webhooks", Reason.NO_WEBHOOK_AFTER_TOKEN, "tokens were issued from " + clock(firstToken.get())
                    + " but LiveKit sent no webhook for " + f.room() + ": check that LiveKit's webhook URL points at "
                    + "presence-service and uses the same API key", evidence());
        }
        return Check.of("webhooks", Reason.NO_WEBHOOK_YET, "no webhook received for " + f.room() + " yet", evidence());
    }

    static Check reconciliation(Facts f) {
        List<Observed> corrections = f.timeline().stream().filter(e -> e.isReconciliation() && e.counted()).toList();
        if (corrections.isEmpty()) {
            return Check.of("reconciliation", Reason.NOTHING_CORRECTED, "LiveKit's participant list never contradicted the webhooks",
                    evidence());
        }
        return Check.of("reconciliation", Reason.RECONCILIATION_CORRECTED, corrections.stream()
                        .map(e -> e.type().substring(e.type().indexOf('.') + 1) + " of " + e.identity() + " at "
                                + clock(e.receivedAt()))
                        .collect(Collectors.joining(", ", "reconciliation corrected what webhooks missed: ", "")),
                evidence("events", corrections.stream().map(Observed::eventId).toList()));
    }
}
