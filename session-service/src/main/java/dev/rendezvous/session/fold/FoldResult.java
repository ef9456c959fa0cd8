package dev.rendezvous.session.fold;

/**
 * What folding one event did.
 *
 * @param changed true when the snapshot changed (and so the version went up and a signal is due)
 * @param verdict counted, recorded, or why it was ignored: the timeline keeps its code
 */
public record FoldResult(SessionState state, boolean changed, Verdict verdict) {
}
