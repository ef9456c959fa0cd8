package dev.rendezvous.kernel;

import java.util.Locale;

/**
 * What LiveKit says a participant is ({@code ParticipantInfo.kind}): a person's page (STANDARD, also
 * when LiveKit says nothing) or a service in the room: an AI agent, a recorder (EGRESS), a stream
 * brought in (INGRESS), a phone leg (SIP), a connector or a bridge. Only a STANDARD participant can
 * count for a role; the others are listed as what they are, never as uninvited people.
 */
public enum ParticipantKind {
    STANDARD, INGRESS, EGRESS, SIP, AGENT, CONNECTOR, BRIDGE,
    /** A kind a newer LiveKit reports that this version does not know: never counted, shown as such. */
    OTHER;

    /** The kind a record or LiveKit names; absent or blank is STANDARD, an unknown name OTHER. */
    public static ParticipantKind fromWire(String value) {
        if (value == null || value.isBlank()) {
            return STANDARD;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }

    /** Whether a participant of this kind can be a roster member's page. */
    public boolean isPerson() {
        return this == STANDARD;
    }

    /** How the diagnosis and the support view name it. */
    public String description() {
        return switch (this) {
            case STANDARD -> "a person's page";
            case AGENT -> "an AI agent";
            case EGRESS -> "a recorder (LiveKit Egress)";
            case INGRESS -> "an ingested stream (LiveKit Ingress)";
            case SIP -> "a phone call (SIP)";
            case CONNECTOR -> "a connector";
            case BRIDGE -> "a bridge";
            case OTHER -> "a participant of a kind this version does not know";
        };
    }
}
