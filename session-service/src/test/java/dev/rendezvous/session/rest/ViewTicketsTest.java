package dev.rendezvous.session.rest;

import dev.rendezvous.session.config.SigningKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A view ticket: this service's, for one session, to be opened within a minute, never past its JWT's end. */
class ViewTicketsTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
    private static final UUID SESSION = UUID.fromString("3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60");

    private final ViewTickets tickets = new ViewTickets(new SigningKeys(Optional.of("a key"), Optional.empty(), Optional.empty()));

    @Test
    void shouldOpenWithinItsMinuteOnly() {
        String ticket = tickets.issue(SESSION, "c-1", false, T, T.plusSeconds(3600));
        assertThat(tickets.read(ticket, T.plusSeconds(59))).hasValueSatisfying(t -> {
            assertThat(t.sessionId()).isEqualTo(SESSION);
            assertThat(t.userId()).isEqualTo("c-1");
            assertThat(t.backend()).isFalse();
        });
        assertThat(tickets.read(ticket, T.plusSeconds(61))).isEmpty();
    }

    @Test
    void shouldNeverOutliveTheJwtItWasGivenFor() {
        String ticket = tickets.issue(SESSION, "c-1", false, T, T.plusSeconds(10));
        assertThat(tickets.read(ticket, T.plusSeconds(11))).isEmpty();
    }

    @Test
    void shouldRefuseATicketAnotherKeySignedOrOneChanged() {
        String ticket = tickets.issue(SESSION, "c-1", false, T, T.plusSeconds(3600));
        ViewTickets elsewhere = new ViewTickets(new SigningKeys(Optional.of("another key"), Optional.empty(), Optional.empty()));
        assertThat(elsewhere.read(ticket, T)).isEmpty();
        String asBackend = tickets.issue(SESSION, "c-1", true, T, T.plusSeconds(3600));
        String spliced = asBackend.substring(0, asBackend.indexOf('.')) + ticket.substring(ticket.indexOf('.'));
        assertThat(tickets.read(spliced, T)).isEmpty();
        assertThat(tickets.read("not.a-ticket", T)).isEmpty();
        assertThat(tickets.read(null, T)).isEmpty();
    }
}
