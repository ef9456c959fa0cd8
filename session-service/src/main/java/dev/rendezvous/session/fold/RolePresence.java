package dev.rendezvous.session.fold;

import java.time.Instant;

/**
 * Whether a role is in the room, and what it publishes there.
 *
 * @param identity the identity it is present under, or the last one seen once it left
 * @param since when the role became present without interruption; null while absent
 * @param media what its active sids publish; nothing while absent
 */
public record RolePresence(boolean present, String identity, Instant since, Media media) {

    public static final RolePresence ABSENT = new RolePresence(false, null, null, Media.NONE);

    public RolePresence(boolean present, String identity, Instant since) {
        this(present, identity, since, Media.NONE);
    }
}
