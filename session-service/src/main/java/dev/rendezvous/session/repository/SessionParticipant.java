package dev.rendezvous.session.repository;

import java.time.Instant;
import java.util.UUID;

/** One LiveKit participant sid seen in a session's room, active or gone. */
public class SessionParticipant {

    public UUID sessionId;
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
}
