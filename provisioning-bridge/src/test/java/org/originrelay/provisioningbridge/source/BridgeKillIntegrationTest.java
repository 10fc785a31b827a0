package org.originrelay.provisioningbridge.source;

import com.rabbitmq.client.Channel;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
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
 * The bridge in a JVM of its own, killed ({@link Process#destroyForcibly()}, as {@code kill -9}) once in
 * the middle of the prefill and once in the middle of the live phase, a new one started each time: the
 * subscriber still gets every prefill message before every live one, each in stream order, none lost,
 * and every message that came twice (published, killed before its ack reached NATS) carries the
 * message id of its first copy, so subscribers' dedupe removes it.
 * <p>
 * The kill lands wherever the bridge is when enough messages have arrived; what it left behind in the
 * durable consumers (the phase, messages not yet delivered) is checked, so each kill is shown to be
 * in the middle of its phase.
 */
class BridgeKillIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int MESSAGES_PER_PHASE = 1000;
    /** Messages of a phase that must have arrived before the bridge is killed in it. */
    private static final int KILL_AFTER = 50;
    private static final String PREFILLED = "udm.users.user.prefilled";
    private static final String CREATED = "udm.users.user.created";

    private final String name = BridgeTestEnvironment.uniqueName("bridge-kill");
    private final String stream = "stream:" + name;
    private final String bucket = BridgeTestEnvironment.uniqueName("subscriptions");
    private final String namespace = RabbitServer.newNamespace();
    private final String exchange = namespace + "provisioning.events";
    private final String deadLetterQueue = namespace + "provisioning-bridge.dlq";
    private final String subscriberQueue = namespace + "bridge-kill.subscriber";
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
    void killedInTheMiddleOfEachPhaseTheNextBridgesGoOnWithNothingLostAndEveryRepeatUnderItsFirstMessageId()
            throws Exception {
        // body → the id it must be published under; prefill and live interleaved in the stream, as
        // when live changes are made during the prefill.
        Map<String, String> prefill = new LinkedHashMap<>();
        Map<String, String> live = new LinkedHashMap<>();
        String idPrefix = BridgeTestEnvironment.messageIdPrefix(nats, stream);
        JetStream jetStream = nats.jetStream();
        for (int i = 0; i < MESSAGES_PER_PHASE; i++) {
            String change = message("udm-listener", user("live-" + i));
            live.put(change, idPrefix + jetStream.publish(name + ".main", bytes(change)).getSeqno());
            String snapshot = message("udm-pre-fill", user("snapshot-" + i));
            prefill.put(snapshot, idPrefix + jetStream.publish(name + ".prefill", bytes(snapshot)).getSeqno());
        }
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "done");
        JetStreamManagement management = nats.jetStreamManagement();

        Process first = bridges.start();
        awaitDistinct(PREFILLED, KILL_AFTER, first);
        SeparateBridgeProcesses.kill(first);
        assertThat(management.getConsumerNames(stream)).as("killed before the live phase")
                .containsExactly(name + "-prefill");
        assertThat(management.getConsumerInfo(stream, name + "-prefill").getNumPending())
                .as("prefill messages the first bridge had not even fetched").isPositive();
        assertThat(distinct(CREATED)).isZero();

        Process second = bridges.start();
        awaitDistinct(CREATED, KILL_AFTER, second);
        SeparateBridgeProcesses.kill(second);
        assertThat(distinct(PREFILLED)).isEqualTo(MESSAGES_PER_PHASE);
        assertThat(management.getConsumerInfo(stream, name + "-main").getNumPending())
                .as("live messages the second bridge had not even fetched").isPositive();

        Process third = bridges.start();
        awaitDistinct(CREATED, MESSAGES_PER_PHASE, third);
        // Everything acked at NATS (nothing will come again), and everything published has arrived.
        await().atMost(WAIT).until(() -> {
            ConsumerInfo main = management.getConsumerInfo(stream, name + "-main");
            return main.getNumPending() == 0 && main.getNumAckPending() == 0
                    && admin.getQueueInfo(subscriberQueue).getMessageCount() == 0;
        });
        List<Received> copies = snapshot();

        List<String> expectedIds = new ArrayList<>(prefill.values());
        expectedIds.addAll(live.values());
        List<String> firstOccurrences = List.copyOf(copies.stream().map(Received::messageId)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        assertThat(firstOccurrences)
                .as("the message ids in the order of their first copies").containsExactlyElementsOf(expectedIds);
        Map<String, String> expectedIdOfBody = new LinkedHashMap<>(prefill);
        expectedIdOfBody.putAll(live);
        Map<String, Set<String>> idsOfBody = copies.stream().collect(Collectors.groupingBy(Received::body,
                Collectors.mapping(Received::messageId, Collectors.toSet())));
        assertThat(idsOfBody).as("every message, each of its copies under one id: its own")
                .hasSize(expectedIdOfBody.size())
                .allSatisfy((body, ids) -> assertThat(ids).containsExactly(expectedIdOfBody.get(body)));
        List<String> routingKeys = copies.stream().map(Received::routingKey).toList();
        assertThat(routingKeys.lastIndexOf(PREFILLED)).as("no copy of a prefill message after a live one")
                .isLessThan(routingKeys.indexOf(CREATED));
        System.out.printf("BridgeKillIntegrationTest: %d messages, %d copies received (%d repeats)%n",
                expectedIds.size(), copies.size(), copies.size() - expectedIds.size());
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
