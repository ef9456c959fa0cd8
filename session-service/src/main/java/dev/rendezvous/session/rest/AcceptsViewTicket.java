package dev.rendezvous.session.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read-only resource method that takes a view ticket ({@code ?ticket=}) for its own session: the
 * snapshot, the stream, the diagnosis and support view, and a fresh ticket. Every other method refuses a
 * ticket ({@link ViewTicketScope}), whatever its path looks like.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsViewTicket {
}
