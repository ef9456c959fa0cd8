package dev.rendezvous.session.fold;

import dev.rendezvous.kernel.Role;

/** Each role's page's last report of what it plays of the other. */
public record Receptions(Reception customer, Reception mechanic) {

    public static final Receptions NONE = new Receptions(Reception.NONE, Reception.NONE);

    public Reception of(Role role) {
        return role == Role.CUSTOMER ? customer : mechanic;
    }

    public Receptions with(Role role, Reception reception) {
        return role == Role.CUSTOMER ? new Receptions(reception, mechanic) : new Receptions(customer, reception);
    }
}
