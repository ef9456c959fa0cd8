package dev.rendezvous.session;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The tokens minted for one role of a session: the latest, when the first was minted, and how many. */
@Entity
@Table(name = "session_tokens")
@IdClass(SessionToken.Key.class)
public class SessionToken {

    @Id
    public UUID sessionId;
    /** {@code customer} or {@code mechanic}. */
    @Id
    public String role;
    public String userId;
    public String identity;
    public String room;
    public Instant firstIssuedAt;
    /** When the latest was minted, and when it stops being usable to join. */
    public Instant issuedAt;
    public Instant expiresAt;
    public String eventId;
    public long minted;

    public record Key(UUID sessionId, String role) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
