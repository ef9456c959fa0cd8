package dev.rendezvous.token.rest;

/** Optional body of the token call: only chooses between two roles the caller both holds. */
public record TokenRequest(String role) {
}
