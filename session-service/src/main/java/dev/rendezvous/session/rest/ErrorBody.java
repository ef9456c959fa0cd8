package dev.rendezvous.session.rest;

/** The body of every error answer (docs/architecture.md, "HTTP APIs"). */
public record ErrorBody(String error, String message) {
}
