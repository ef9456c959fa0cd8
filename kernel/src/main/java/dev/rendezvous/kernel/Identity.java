package dev.rendezvous.kernel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A LiveKit participant identity; the canonical one is {@code <role>-<userId>} (docs/architecture.md, "Names"). */
public record Identity(String value) {

    private static final Pattern CANONICAL = Pattern.compile("(" + Role.wireNames() + ")-(.+)");

    /** The identity a user gets in a role. */
    public static Identity of(Role role, String userId) {
        return new Identity(role.wire() + "-" + userId);
    }

    /** What a canonical identity names: the role exactly as written, and the user. */
    public record Named(String role, String userId) {
    }

    /** The role and user this identity names; empty when it is not {@code <role>-<userId>}. */
    public Optional<Named> named() {
        Matcher m = CANONICAL.matcher(value == null ? "" : value);
        return m.matches() ? Optional.of(new Named(m.group(1), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
