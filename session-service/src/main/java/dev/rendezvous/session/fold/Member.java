package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Role;

/**
 * One member of a session's roster and what the fold keeps about them.
 *
 * @param presence whether the member is in the room (one of their person's sids active) and what they publish
 * @param reception what the member's page last reported it plays of the other required role (required roles only)
 */
public record Member(String userId, Role role, RolePresence presence, Reception reception) {

    /** A member on the roster who has not come yet. */
    public static Member invited(String userId, Role role) {
        return new Member(userId, role, RolePresence.ABSENT, Reception.NONE);
    }

    public boolean is(String userId, Role role) {
        return this.role == role && this.userId.equals(userId);
    }

    public boolean present() {
        return presence.present();
    }

    Member with(RolePresence presence) {
        return new Member(userId, role, presence, reception);
    }

    Member with(Reception reception) {
        return new Member(userId, role, presence, reception);
    }
}
