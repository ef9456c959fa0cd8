package dev.rendezvous.session.repository;

import java.util.UUID;

/** A member of a session as the fold writes it back: the session, the member's place in the roster, its state. */
public record MemberRow(UUID sessionId, Short position, SessionMember member) {
}
