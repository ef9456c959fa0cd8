package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Identity;

import java.time.Instant;

/**
 * Whether a role is in the room, and what it publishes there.
 *
 * @param identity the identity it is present under, or the last one seen once it left; null if it never came
 * @param since when the role became present without interruption; null while absent
 * @param media what its active sids publish; nothing while absent
 */
public record RolePresence(boolean present, Identity identity, Instant since, Media media) {

    public static final RolePresence ABSENT = new RolePresence(false, null, null, Media.NONE);

    public RolePresence(boolean present, Identity identity, Instant since) {
        this(present, identity, since, Media.NONE);
    }

    /** The same identity, gone. */
    RolePresence gone() {
        return new RolePresence(false, identity, null, Media.NONE);
    }
}
