package dev.rendezvous.session.diagnosis;

import java.util.List;

/**
 * What LiveKit said when asked for the room's participants just now.
 *
 * @param url   where LiveKit was asked (null in what a roster member sees)
 * @param error why LiveKit could not be asked, or null when it answered
 * @param identities the identities LiveKit lists in the room (empty when it did not answer)
 */
public record LiveKitProbe(String url, String error, List<String> identities) {

    public boolean reachable() {
        return error == null;
    }

    /** As a roster member sees it: whether LiveKit answered and whom it lists, not where it runs or how it failed. */
    public LiveKitProbe withoutInternals() {
        return new LiveKitProbe(null, error == null ? null : "it did not answer", identities);
    }
}
