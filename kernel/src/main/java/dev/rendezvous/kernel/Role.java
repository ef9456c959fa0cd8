package dev.rendezvous.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The roles of a session's members, written in lower case on the wire ("customer", "mechanic",
 * "supervisor"). The required roles make a session READY when each is present; a supervisor looks in,
 * hidden and subscribe-only, and never counts (docs/architecture.md, "Members, roles and participant
 * kinds"). Adding a role is adding it here: every rule iterates {@link #values()} or {@link #REQUIRED}.
 */
public enum Role {
    CUSTOMER(true), MECHANIC(true), SUPERVISOR(false);

    /** The roles every session has exactly one member of, each present for READY, in the order they are shown. */
    public static final List<Role> REQUIRED = List.of(CUSTOMER, MECHANIC);

    private final boolean required;

    Role(boolean required) {
        this.required = required;
    }

    /** Whether the session needs this role present to be READY (and waits for it). */
    public boolean isRequired() {
        return required;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other required role: whom this one waits for, and whose media its page plays. */
    public Role other() {
        return switch (this) {
            case CUSTOMER -> MECHANIC;
            case MECHANIC -> CUSTOMER;
            case SUPERVISOR -> throw new IllegalStateException("a supervisor waits for nobody");
        };
    }

    /** The role a JSON value names; anything but a role's wire name is refused. */
    @JsonCreator
    public static Role ofJson(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException("not a role: " + value));
    }

    /** The role named by a wire value, exactly as written there; empty for "unknown", null or anything else. */
    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(role -> role.wire().equals(value)).findFirst();
    }

    /** The wire names as a pattern's alternatives: {@code customer|mechanic|supervisor}. */
    public static String wireNames() {
        return Arrays.stream(values()).map(Role::wire).collect(Collectors.joining("|"));
    }

    /** The wire names as a message says them: {@code customer, mechanic or supervisor}. */
    public static String inWords() {
        String names = Arrays.stream(values()).map(Role::wire).collect(Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        return last < 0 ? names : names.substring(0, last) + " or " + names.substring(last + 2);
    }
}
