package dev.rendezvous.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker in the test JVM on a fixed port, which a test may stop and start again. Init
 * arguments are passed on as configuration (e.g. a shorter ack timeout for the test that stops it).
 */
public class RestartableBroker implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static EmbeddedKafkaBroker broker;
    private final Map<String, String> config = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        config.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        port = freePort();
        startBroker();
        config.put("kafka.bootstrap.servers", "127.0.0.1:" + port);
        return config;
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
