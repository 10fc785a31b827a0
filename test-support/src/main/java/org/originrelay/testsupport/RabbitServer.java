package org.originrelay.testsupport;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The RabbitMQ broker a test run uses: the one named by {@code RELAY_TEST_RABBITMQ_HOST} (with
 * {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD}), else the one on 127.0.0.1:5672, else a
 * Testcontainers container. Tests isolate themselves with a random namespace prefixed to every
 * exchange and queue name, and delete what they declared when their context closes.
 */
public record RabbitServer(String host, int port, String username, String password) {

    static RabbitServer locate() {
        String host = Reachability.env("RELAY_TEST_RABBITMQ_HOST");
        if (host != null) {
            String port = Reachability.env("RELAY_TEST_RABBITMQ_PORT");
            return new RabbitServer(host, port == null ? 5672 : Integer.parseInt(port),
                    orDefault(Reachability.env("RELAY_TEST_RABBITMQ_USERNAME"), "guest"),
                    orDefault(Reachability.env("RELAY_TEST_RABBITMQ_PASSWORD"), "guest"));
        }
        if (Reachability.isListening("127.0.0.1", 5672)) {
            return new RabbitServer("127.0.0.1", 5672, "guest", "guest");
        }
        var container = new RabbitMQContainer("rabbitmq:4-management-alpine");
        container.start();
        return new RabbitServer(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                container.getAdminPassword());
    }

    /** A fresh name prefix such as {@code t3f9a01c2.}. */
    public static String newNamespace() {
        return "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".";
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
