package dev.rendezvous.presence.support;

import com.google.protobuf.util.JsonFormat;
import io.livekit.server.AccessToken;
import livekit.LivekitModels;
import livekit.LivekitWebhook.WebhookEvent;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Webhooks built and signed exactly as a LiveKit server does: protobuf JSON, SDK AccessToken with sha256. */
public final class LiveKitWebhooks {

    private LiveKitWebhooks() {
    }

    /** The API key the service under test verifies webhooks with (LIVEKIT_API_KEY), as LiveKit would sign. */
    public static String apiKey() {
        return ConfigProvider.getConfig().getValue("livekit.api-key", String.class);
    }

    public static String apiSecret() {
        return ConfigProvider.getConfig().getValue("livekit.api-secret", String.class);
    }

    public static String participantEvent(String event, String room, String identity, String sid, String metadata,
                                          Map<String, String> attributes) {
        return participantEvent(event, room, identity, sid, metadata, attributes, LivekitModels.ParticipantInfo.Kind.STANDARD);
    }

    /** A participant of the given LiveKit kind (an agent, a recorder, …). */
    public static String participantEvent(String event, String room, String identity, String sid, String metadata,
                                          Map<String, String> attributes, LivekitModels.ParticipantInfo.Kind kind) {
        LivekitModels.ParticipantInfo.Builder participant = LivekitModels.ParticipantInfo.newBuilder()
                .setSid(sid).setIdentity(identity).setState(LivekitModels.ParticipantInfo.State.ACTIVE)
                .setKind(kind).putAllAttributes(attributes);
        if (metadata != null) {
            participant.setMetadata(metadata);
        }
        if (event.equals("participant_left")) {
            participant.setDisconnectReason(LivekitModels.DisconnectReason.CLIENT_INITIATED);
        }
        return json(WebhookEvent.newBuilder()
                .setEvent(event)
                .setId("EV_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .setCreatedAt(Instant.now().getEpochSecond())
                .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid("RM_test"))
                .setParticipant(participant)
                .build());
    }

    /** A canonical participant of a session, as token-service would mint it. */
    public static String canonical(String event, UUID sessionId, String role, String userId, String sid) {
        String metadata = "{\"role\":\"" + role + "\",\"sessionId\":\"" + sessionId + "\",\"userId\":\"" + userId + "\"}";
        return participantEvent(event, "session-" + sessionId, role + "-" + userId, sid, metadata,
                Map.of("role", role, "sessionId", sessionId.toString(), "userId", userId));
    }

    public static String roomEvent(String event, String room) {
        return json(WebhookEvent.newBuilder().setEvent(event)
                .setId("EV_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .setCreatedAt(Instant.now().getEpochSecond())
                .setRoom(LivekitModels.Room.newBuilder().setName(room).setSid("RM_test"))
                .build());
    }

    public static String trackEvent(String event, UUID sessionId, String role, String userId) {
        String base = canonical("participant_joined", sessionId, role, userId, "PA_track");
        try {
            WebhookEvent.Builder builder = WebhookEvent.newBuilder();
            JsonFormat.parser().merge(base, builder);
            return json(builder.setEvent(event).setTrack(LivekitModels.TrackInfo.newBuilder().setSid("TR_cam")
                    .setSource(LivekitModels.TrackSource.CAMERA).setType(LivekitModels.TrackType.VIDEO)).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String body) {
        return sign(body, apiKey(), apiSecret(), null);
    }

    /** Signs like LiveKit's webhook notifier; {@code notBefore} shifts the signer's clock when given. */
    public static String sign(String body, String key, String secret, Instant notBefore) {
        AccessToken token = new AccessToken(key, secret);
        token.setSha256(sha256(body));
        if (notBefore != null) {
            token.setNotBefore(Date.from(notBefore));
            token.setExpiration(Date.from(notBefore.plusSeconds(300)));
        }
        return token.toJwt();
    }

    public static String sha256(String body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(WebhookEvent event) {
        try {
            return JsonFormat.printer().print(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
