package dev.rendezvous.session.rest;

/** Body of {@code POST /v1/sessions}: the user ids (JWT {@code sub}) of the two roles. */
public record CreateSessionRequest(String customerId, String mechanicId) {
}
