package dev.rendezvous.session.fold;

import java.time.Instant;

/**
 * Whether a role is in the room.
 *
 * @param identity the identity it is present under, or the last one seen once it left
 * @param since when the role became present without interruption; null while absent
 */
public record RolePresence(boolean present, String identity, Instant since) {

    public static final RolePresence ABSENT = new RolePresence(false, null, null);
}
