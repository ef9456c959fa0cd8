package dev.rendezvous.session.fold;

/**
 * One track of a participant sid: published until its unpublish, never again after (an unpublish
 * that overtook its publish is kept, so the late publish cannot revive the track).
 */
public record Track(MediaSource source, boolean published) {
}
