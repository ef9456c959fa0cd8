package dev.rendezvous.session;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One LiveKit participant sid seen in a session's room, active or gone. */
@Entity
@Table(name = "session_participants")
@IdClass(SessionParticipant.Key.class)
public class SessionParticipant {

    @Id
    public UUID sessionId;
    @Id
    public String sid;
    public String role;
    public String identity;
    public String userId;
    public boolean active;
    public Instant joinedAt;
    public Instant leftAt;
    public String leftReason;
    /** The sid's tracks, as {@code trackSid:SOURCE:published} separated by {@code ;} (SessionMapper). */
    public String tracks;
    /** What LiveKit says the sid is: STANDARD (a person's page), AGENT, EGRESS, … */
    public String kind;

    public record Key(UUID sessionId, String sid) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
