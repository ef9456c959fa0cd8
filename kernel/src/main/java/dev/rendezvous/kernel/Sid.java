package dev.rendezvous.kernel;

/**
 * A LiveKit participant sid ({@code PA_…}): one connection of an identity. A second tab of the same
 * identity is another sid, so presence is decided per sid, never per identity.
 */
public record Sid(String value) {

    @Override
    public String toString() {
        return value;
    }
}
