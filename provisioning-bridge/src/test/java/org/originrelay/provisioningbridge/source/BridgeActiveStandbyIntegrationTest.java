package org.originrelay.provisioningbridge.source;

import com.rabbitmq.client.Channel;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.provisioningbridge.BridgeTestEnvironment;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.originrelay.provisioningbridge.source.UserChangeMessages.bytes;
import static org.originrelay.provisioningbridge.source.UserChangeMessages.message;
import static org.originrelay.provisioningbridge.source.UserChangeMessages.user;

/**
 * Two bridges, each in a JVM of its own, on one subscription (two instances of the service): only the
 * lease holder bridges. The active one is killed ({@code kill -9}) in the middle of the stream, the
 * standby takes over; a new standby is started, and the active one is then stopped cleanly (SIGTERM),
 * the standby takes over again. The subscriber gets every message, the first copies in stream order,
 * and every repeat (published, killed before its ack reached NATS) under the id of its first copy, so
 * subscribers' dedupe by message id removes it: the guarantee is once after dedupe (docs/adr/0009).
 */
class BridgeActiveStandbyIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int MESSAGES_PER_PART = 600;
    /** Messages that must have arrived before the active bridge is killed or stopped. */
    private static final int STOP_AFTER = 50;
    private static final String CREATED = "udm.users.user.created";

    private final String name = BridgeTestEnvironment.uniqueName("bridge-standby");
    private final String stream = "stream:" + name;
    private final String bucket = BridgeTestEnvironment.uniqueName("subscriptions");
    private final String namespace = RabbitServer.newNamespace();
    private final String exchange = namespace + "provisioning.events";
    private final String deadLetterQueue = namespace + "provisioning-bridge.dlq";
    private final String subscriberQueue = namespace + "bridge-standby.subscriber";
    private final SeparateBridgeProcesses bridges = new SeparateBridgeProcesses(namespace, name, stream, bucket);
    /** Every copy the subscriber got, in arrival order. */
    private final List<Received> received = new ArrayList<>();
    private Connection nats;
    private CachingConnectionFactory rabbitConnection;
    private RabbitAdmin admin;
    private Channel subscriber;

    private record Received(String messageId, String routingKey, String body) {
    }

    @BeforeEach
    void streamBucketAndSubscriber() throws Exception {
        nats = Nats.connect(NatsServer.locate().url());
        nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream)
                .subjects(name + ".main", name + ".prefill").storageType(StorageType.Memory).build());
        RabbitServer server = TestInfrastructure.rabbit();
        rabbitConnection = new CachingConnectionFactory(server.host(), server.port());
        rabbitConnection.setUsername(server.username());
        rabbitConnection.setPassword(server.password());
        admin = new RabbitAdmin(rabbitConnection);
        admin.declareExchange(new TopicExchange(exchange, true, false));
        admin.declareQueue(new Queue(subscriberQueue, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(subscriberQueue)).to(new TopicExchange(exchange)).with("#"));
        subscriber = rabbitConnection.createConnection().createChannel(false);
        subscriber.basicConsume(subscriberQueue, true, (tag, delivery) -> {
            synchronized (received) {
                received.add(new Received(delivery.getProperties().getMessageId(),
                        delivery.getEnvelope().getRoutingKey(), new String(delivery.getBody(), StandardCharsets.UTF_8)));
            }
        }, tag -> {
        });
    }

    @AfterEach
    void removeEverything() throws Exception {
        bridges.close();
        subscriber.close();
        admin.deleteQueue(subscriberQueue);
        admin.deleteQueue(deadLetterQueue);
        admin.deleteExchange(exchange);
        rabbitConnection.destroy();
        nats.jetStreamManagement().deleteStream(stream);
        BridgeTestEnvironment.deleteBucket(nats, bucket);
        BridgeTestEnvironment.deleteBucket(nats, name + "-lease");
        nats.close();
    }

    @Test
    void theStandbyTakesOverFromAKilledAndFromAStoppedActiveBridgeWithTheStreamInOrder() throws Exception {
        Map<String, String> live = new LinkedHashMap<>();
        String idPrefix = BridgeTestEnvironment.messageIdPrefix(nats, stream);
        JetStream jetStream = nats.jetStream();
        publish(jetStream, idPrefix, live, 0);
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, false, "done");
        JetStreamManagement management = nats.jetStreamManagement();

        List<Process> pair = new ArrayList<>(List.of(bridges.start(), bridges.start()));
        Process active = awaitActive(pair);
        awaitDistinct(CREATED, STOP_AFTER, active);
        SeparateBridgeProcesses.kill(active);
        pair.remove(active);
        assertThat(management.getConsumerInfo(stream, name + "-main").getNumPending())
                .as("messages the killed bridge had not even fetched").isPositive();

        Process successor = awaitActive(pair);
        pair.add(bridges.start());
        publish(jetStream, idPrefix, live, MESSAGES_PER_PART);
        awaitDistinct(CREATED, MESSAGES_PER_PART + STOP_AFTER, successor);
        successor.destroy();
        assertThat(successor.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("stopped cleanly").isTrue();
        pair.remove(successor);
        Process last = awaitActive(pair);
        awaitDistinct(CREATED, live.size(), last);

        await().atMost(WAIT).until(() -> {
            ConsumerInfo main = management.getConsumerInfo(stream, name + "-main");
            return main.getNumPending() == 0 && main.getNumAckPending() == 0
                    && admin.getQueueInfo(subscriberQueue).getMessageCount() == 0;
        });
        List<Received> copies = snapshot();
        List<String> firstOccurrences = List.copyOf(copies.stream().map(Received::messageId)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        assertThat(firstOccurrences)
                .as("the message ids in the order of their first copies").containsExactlyElementsOf(live.values());
        Map<String, Set<String>> idsOfBody = copies.stream().collect(Collectors.groupingBy(Received::body,
                Collectors.mapping(Received::messageId, Collectors.toSet())));
        assertThat(idsOfBody).as("every message, each of its copies under one id: its own")
                .hasSize(live.size())
                .allSatisfy((body, ids) -> assertThat(ids).containsExactly(live.get(body)));
        System.out.printf("BridgeActiveStandbyIntegrationTest: %d messages, %d copies received (%d repeats)%n",
                live.size(), copies.size(), copies.size() - live.size());
    }

    private void publish(JetStream jetStream, String idPrefix, Map<String, String> live, int from) throws Exception {
        for (int i = from; i < from + MESSAGES_PER_PART; i++) {
            String change = message("udm-listener", user("live-" + i));
            live.put(change, idPrefix + jetStream.publish(name + ".main", bytes(change)).getSeqno());
        }
    }

    /** The bridge whose process holds the lease, once one does (the holder names its pid first). */
    private Process awaitActive(List<Process> candidates) {
        Process[] active = new Process[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            candidates.forEach(bridge -> assertThat(bridge.isAlive()).as("bridge exited; see target/kill-tests/").isTrue());
            KeyValueEntry entry = nats.keyValueManagement().getBucketNames().contains(name + "-lease")
                    ? nats.keyValue(name + "-lease").get("active") : null;
            if (entry == null || entry.getValue() == null) {
                return false;
            }
            String holderPid = entry.getValueAsString().substring(0, entry.getValueAsString().indexOf('@'));
            active[0] = candidates.stream().filter(bridge -> String.valueOf(bridge.pid()).equals(holderPid))
                    .findFirst().orElse(null);
            return active[0] != null;
        });
        return active[0];
    }

    private void awaitDistinct(String routingKey, int count, Process bridge) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            assertThat(bridge.isAlive()).as("bridge exited; see target/kill-tests/").isTrue();
            return distinct(routingKey) >= count;
        });
    }

    private long distinct(String routingKey) {
        return snapshot().stream().filter(copy -> copy.routingKey().equals(routingKey))
                .map(Received::messageId).distinct().count();
    }

    private List<Received> snapshot() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }
}
