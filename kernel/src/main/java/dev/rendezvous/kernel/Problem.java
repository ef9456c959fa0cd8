package dev.rendezvous.kernel;

/** Something found wrong with a participant or a room name: a stable code and a sentence. */
public record Problem(String code, String detail) {
}
