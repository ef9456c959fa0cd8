package dev.rendezvous.token.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real Kafka broker in the test JVM on a fixed port, which a test may stop and start again. */
public class RestartableBroker implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startBroker();
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + port);
    }

    public static synchronized void startBroker() {
        broker = new EmbeddedKafkaBroker().withKafkaHost("127.0.0.1").withKafkaPort(port)
                .withDeleteLogDirsOnClose(true).start();
    }

    public static synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public void stop() {
        stopBroker();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
