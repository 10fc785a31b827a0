package org.originrelay.provisioningbridge.benchmark;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.originrelay.provisioningbridge.publishing.BridgeDestinations;
import org.originrelay.provisioningbridge.BridgeTestEnvironment;
import org.originrelay.testsupport.NatsServer;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Not a timed test: measures messages/s for 10,000 provisioning messages of 2 KB, NATS → AMQP with
 * confirms, next to the raw rate of the same RabbitMQ publishing the same messages with pipelined
 * confirms. Excluded from the normal build; run with
 * {@code ./mvnw -pl provisioning-bridge test -Dgroups=benchmark -DexcludedGroups= -Dtest=BridgeThroughputBenchmark}.
 */
@Tag("benchmark")
@SpringBootTest(properties = {"spring.config.name=provisioning-bridge", "relay.bridge.batch-size=200"})
class BridgeThroughputBenchmark {

    private static final int MESSAGES = 10_000;
    private static final String NAME = BridgeTestEnvironment.uniqueName("bridge-bench");
    private static final String STREAM = "stream:" + NAME;
    private static final String BUCKET = BridgeTestEnvironment.uniqueName("subscriptions");
    private static Connection nats;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        nats = Nats.connect(NatsServer.locate().url());
        nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(STREAM)
                .subjects(NAME + ".main").storageType(StorageType.File).build());
        BridgeTestEnvironment.registerSubscription(nats, BUCKET, NAME, false, "done");
        BridgeTestEnvironment.registerBrokerAndStream(registry, NAME, STREAM, BUCKET);
    }

    @AfterAll
    static void removeTheStream() throws Exception {
        nats.jetStreamManagement().deleteStream(STREAM);
        BridgeTestEnvironment.deleteBucket(nats, BUCKET);
        nats.close();
    }

    @Autowired
    BridgeDestinations properties;
    @Value("${relay.messaging.namespace}")
    String namespace;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void bridgeRateNextToTheRawRabbitMqRate() throws Exception {
        String sink = namespace + "bench.sink";
        admin.declareQueue(new Queue(sink, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(sink)).to(new TopicExchange(properties.exchange())).with("#"));
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            bodies.add(twoKilobyteMessage(i));
        }

        double coldSeconds = bridgeAll(bodies, MESSAGES);
        admin.purgeQueue(sink, false);
        // The same again, now that the bridge's code is compiled (the first round pays for the JIT).
        double bridgeSeconds = bridgeAll(bodies, 2 * MESSAGES);
        admin.purgeQueue(sink, false);

        RabbitTemplate raw = new RabbitTemplate(connectionFactory);
        long rawStart = System.nanoTime();
        for (int from = 0; from < MESSAGES; from += 200) {
            List<byte[]> batch = bodies.subList(from, Math.min(MESSAGES, from + 200));
            List<CorrelationData> confirms = raw.invoke(channel -> {
                List<CorrelationData> sent = new ArrayList<>();
                for (byte[] body : batch) {
                    CorrelationData correlation = new CorrelationData();
                    channel.send(properties.exchange(), "udm.users.user.created", new Message(body, new MessageProperties()), correlation);
                    sent.add(correlation);
                }
                return sent;
            });
            for (CorrelationData confirm : confirms) {
                confirm.getFuture().get(10, TimeUnit.SECONDS);
            }
        }
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
        admin.deleteQueue(sink);

        System.out.printf("%nBRIDGE BENCHMARK: %d messages of 2 KB%n  NATS -> bridge -> RabbitMQ (confirmed, then acked): %.0f msg/s (%.1f s)"
                + " (first round, JIT cold: %.0f msg/s)%n"
                + "  RabbitMQ alone, same messages, pipelined confirms:   %.0f msg/s (%.1f s)%n%n",
                MESSAGES, MESSAGES / bridgeSeconds, bridgeSeconds, MESSAGES / coldSeconds, MESSAGES / rawSeconds,
                rawSeconds);
    }

    /** Publishes the bodies into the stream and waits until the bridge acked up to {@code lastSequence}. */
    private static double bridgeAll(List<byte[]> bodies, long lastSequence) throws Exception {
        long start = System.nanoTime();
        JetStream jetStream = nats.jetStream();
        for (byte[] body : bodies) {
            jetStream.publishAsync(NAME + ".main", body);
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                nats.jetStreamManagement().getConsumerInfo(STREAM, NAME + "-main").getAckFloor().getStreamSequence()
                        >= lastSequence);
        return (System.nanoTime() - start) / 1e9;
    }

    private static byte[] twoKilobyteMessage(int i) {
        String padding = "x".repeat(1800);
        return """
                {"publisher_name":"udm-listener","ts":"2026-11-22T10:00:00","realm":"udm","topic":"users/user","body":{"old":{},"new":{"dn":"uid=user-%d,cn=users,dc=example","id":"user-%d","properties":{"username":"user-%d","description":"%s"}}}}"""
                .formatted(i, i, i, padding).getBytes(StandardCharsets.UTF_8);
    }
}
