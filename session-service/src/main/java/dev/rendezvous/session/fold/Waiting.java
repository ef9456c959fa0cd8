package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Role;

import java.time.Instant;

/**
 * One role present, waiting for the other.
 *
 * @param forRole the role that is absent
 * @param since when the present role started waiting
 * @param overdue whether it has waited longer than the overdue time
 */
public record Waiting(Role forRole, Instant since, boolean overdue) {
}
