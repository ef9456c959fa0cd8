package dev.rendezvous.session.diagnosis;

import java.util.List;

/**
 * What LiveKit said when asked for the room's participants just now.
 *
 * @param error why LiveKit could not be asked, or null when it answered
 * @param identities the identities LiveKit lists in the room (empty when it did not answer)
 */
public record LiveKitProbe(String url, String error, List<String> identities) {

    public boolean reachable() {
        return error == null;
    }
}
