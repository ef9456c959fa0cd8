package dev.rendezvous.session.rest;

import dev.rendezvous.session.service.SessionService;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * The caller a view ticket stands for, as the JWT it was given for would: its user, its groups (backend
 * or none) and, as expiry, when what the ticket opened must close. It holds no JWT: {@link #getRawToken()}
 * is null.
 */
final class TicketCaller implements JsonWebToken {

    private final ViewTickets.Ticket ticket;

    TicketCaller(ViewTickets.Ticket ticket) {
        this.ticket = ticket;
    }

    ViewTickets.Ticket ticket() {
        return ticket;
    }

    @Override
    public String getName() {
        return ticket.userId();
    }

    @Override
    public String getSubject() {
        return ticket.userId();
    }

    @Override
    public Set<String> getGroups() {
        return ticket.backend() ? Set.of(SessionService.BACKEND_GROUP) : Set.of();
    }

    @Override
    public long getExpirationTime() {
        return ticket.closeAt().getEpochSecond();
    }

    @Override
    public String getRawToken() {
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        return Set.of("sub", "groups", "exp");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) switch (claimName) {
            case "sub" -> ticket.userId();
            case "groups" -> getGroups();
            case "exp" -> getExpirationTime();
            default -> null;
        };
    }
}
