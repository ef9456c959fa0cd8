package dev.rendezvous.token.rest;

/** The body of every error answer (ARCHITECTURE.md, "HTTP APIs"). */
public record ErrorBody(String error, String message) {
}
