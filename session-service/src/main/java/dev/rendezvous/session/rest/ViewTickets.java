package dev.rendezvous.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.session.config.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What a browser puts in a URL instead of a JWT (an EventSource cannot set headers, a link cannot carry
 * one): a ticket for one session, read-only, to be opened within {@link #TO_OPEN}, signed by this
 * service ({@link SigningKeys}), no longer good than the JWT it was given for. Its text is
 * {@code <payload>.<signature>}, both base64url; the payload names the session, the user, whether they
 * are a backend, when it must be opened by and when what it opened must close.
 */
@ApplicationScoped
public class ViewTickets {

    /** How long a ticket may be used to open something (a page, a stream, a read) after it was given. */
    static final Duration TO_OPEN = Duration.ofSeconds(60);
    private static final String PURPOSE = "view-ticket";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a ticket grants. */
    public record Ticket(UUID sessionId, String userId, boolean backend, Instant openBy, Instant closeAt) {
    }

    private final SigningKeys keys;

    public ViewTickets(SigningKeys keys) {
        this.keys = keys;
    }

    /** A ticket for this session and user, to open by a minute from now and close when their JWT would. */
    public String issue(UUID sessionId, String userId, boolean backend, Instant now, Instant closeAt) {
        Instant openBy = now.plus(TO_OPEN);
        Instant close = closeAt == null || closeAt.isAfter(now.plus(Duration.ofDays(1))) ? now.plus(Duration.ofDays(1)) : closeAt;
        var payload = JSON.createObjectNode().put("s", sessionId.toString()).put("u", userId).put("b", backend)
                .put("o", openBy.getEpochSecond()).put("c", close.getEpochSecond());
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return text + "." + keys.sign(PURPOSE, text);
    }

    /** The ticket's grant when this service signed it and it may still be opened; empty otherwise. */
    public Optional<Ticket> read(String ticket, Instant now) {
        if (ticket == null || ticket.length() > 1024) {
            return Optional.empty();
        }
        int dot = ticket.indexOf('.');
        if (dot < 1 || !keys.signed(PURPOSE, ticket.substring(0, dot), ticket.substring(dot + 1))) {
            return Optional.empty();
        }
        try {
            JsonNode p = JSON.readTree(Base64.getUrlDecoder().decode(ticket.substring(0, dot)));
            Ticket t = new Ticket(UUID.fromString(p.get("s").asText()), p.get("u").asText(), p.get("b").asBoolean(),
                    Instant.ofEpochSecond(p.get("o").asLong()), Instant.ofEpochSecond(p.get("c").asLong()));
            return now.isAfter(t.openBy()) || now.isAfter(t.closeAt()) ? Optional.empty() : Optional.of(t);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
