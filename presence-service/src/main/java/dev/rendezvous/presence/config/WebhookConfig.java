package dev.rendezvous.presence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.time.Duration;

/** How webhooks are taken in and handed to Kafka (application.properties gives each its environment variable). */
@ConfigMapping(prefix = "rendezvous")
public interface WebhookConfig {

    /** WEBHOOK_MAX_BODY_BYTES: the largest webhook body accepted; larger ones are answered 413 before they are read. */
    @WithName("webhook.max-body-bytes")
    int maxBodyBytes();

    /** KAFKA_ACK_TIMEOUT: how long a webhook waits for Kafka's ack before it is answered 503 (LiveKit retries). */
    @WithName("kafka.ack-timeout")
    Duration ackTimeout();
}
