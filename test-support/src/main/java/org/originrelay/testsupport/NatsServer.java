package org.originrelay.testsupport;

import org.testcontainers.containers.GenericContainer;

/**
 * The NATS server (with JetStream) a test run uses: {@code RELAY_TEST_NATS_URL}, else the one on
 * 127.0.0.1:4222, else a Testcontainers container. Tests isolate themselves with streams of their own.
 */
public record NatsServer(String url) {

    private static NatsServer located;

    public static synchronized NatsServer locate() {
        if (located == null) {
            located = find();
        }
        return located;
    }

    private static NatsServer find() {
        String url = Reachability.env("RELAY_TEST_NATS_URL");
        if (url != null) {
            return new NatsServer(url);
        }
        if (Reachability.isListening("127.0.0.1", 4222)) {
            return new NatsServer("nats://127.0.0.1:4222");
        }
        GenericContainer<?> container = new GenericContainer<>("nats:2").withCommand("-js").withExposedPorts(4222);
        container.start();
        return new NatsServer("nats://" + container.getHost() + ":" + container.getMappedPort(4222));
    }
}
