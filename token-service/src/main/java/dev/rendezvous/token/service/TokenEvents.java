package dev.rendezvous.token.service;

import dev.rendezvous.kernel.wire.TokenEvent;

/** Where minted tokens are announced: {@code token-events} (messaging's TokenEventPublisher). Never makes minting wait. */
public interface TokenEvents {

    void publish(TokenEvent event);
}
