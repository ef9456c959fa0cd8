package dev.rendezvous.token.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** LiveKit's standard token response (livekit.TokenSourceResponse): where to connect, and with what. */
@Schema(name = "LiveKitTokenResponse")
public record LiveKitTokenResponse(
        @JsonProperty("server_url") @Schema(description = "the LiveKit URL a browser connects to") String serverUrl,
        @JsonProperty("participant_token") @Schema(description = "the LiveKit access token (JWT)") String participantToken) {
}
