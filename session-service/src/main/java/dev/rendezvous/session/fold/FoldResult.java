package dev.rendezvous.session.fold;

/**
 * What folding one event did.
 *
 * @param changed true when the snapshot changed (and so the version went up and a signal is due)
 * @param outcome one line for the timeline: what the event did, or why it did nothing
 */
public record FoldResult(SessionState state, boolean changed, String outcome) {
}
