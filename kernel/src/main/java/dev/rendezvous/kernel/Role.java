package dev.rendezvous.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** The two roles of a session, written in lower case on the wire ("customer", "mechanic"). */
public enum Role {
    CUSTOMER, MECHANIC;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other role of the session. */
    public Role other() {
        return this == CUSTOMER ? MECHANIC : CUSTOMER;
    }

    /** The role a JSON value names; anything but {@code customer} or {@code mechanic} is refused. */
    @JsonCreator
    public static Role ofJson(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException("not a role: " + value));
    }

    /** The role named by a wire value, exactly as written there; empty for "unknown", null or anything else. */
    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "customer" -> Optional.of(CUSTOMER);
            case "mechanic" -> Optional.of(MECHANIC);
            default -> Optional.empty();
        };
    }
}
