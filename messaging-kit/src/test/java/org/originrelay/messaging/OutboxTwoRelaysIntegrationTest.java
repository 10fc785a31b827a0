package org.originrelay.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.originrelay.messaging.outbox.OutboxRelay;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a service share one outbox table: their relays (this context's and a second one,
 * on its own thread, as another instance's) run at the same time while events are committed from
 * several threads. Every row is published exactly once: {@code SKIP LOCKED} hands each row to one relay
 * only, and none is left behind.
 */
@SpringBootTest(classes = KitTestApplication.class, properties = "spring.application.name=kit-test")
class OutboxTwoRelaysIntegrationTest {

    private static final int EVENTS = 1500;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "kit_outbox_relays_test");
    }

    @Autowired
    CertificateEventPublisher publisher;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConfirmedPublisher confirmedPublisher;
    @Autowired
    RelayMessagingProperties properties;

    private final Map<String, AtomicInteger> copiesById = new ConcurrentHashMap<>();
    private String subscriberQueue;
    private SimpleMessageListenerContainer subscriber;
    private OutboxRelay secondInstance;

    @BeforeEach
    void subscriberAndASecondRelay() {
        subscriberQueue = names.queue("outbox-relays-test.subscriber." + UUID.randomUUID());
        Queue queue = new Queue(subscriberQueue, false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(names.exchange(EventCatalog.EXCHANGE))).with("#"));
        subscriber = new SimpleMessageListenerContainer(connectionFactory);
        subscriber.setQueueNames(subscriberQueue);
        subscriber.setMessageListener(message -> copiesById
                .computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new AtomicInteger())
                .incrementAndGet());
        subscriber.start();
        secondInstance = new OutboxRelay(jdbc, transactions, confirmedPublisher, properties.outbox(),
                new SimpleMeterRegistry());
        secondInstance.start();
    }

    @AfterEach
    void stopEverything() {
        secondInstance.stop();
        subscriber.stop();
        admin.deleteQueue(subscriberQueue);
    }

    @Test
    void twoRelaysOnOneOutboxPublishEveryRowExactlyOnce() throws Exception {
        AtomicBoolean committing = new AtomicBoolean(true);
        List<String> ids;
        // While events are committed (each commit wakes this context's relay), the second instance's
        // relay runs round after round on two threads of its own, as its own commits would make it.
        try (ExecutorService otherInstance = Executors.newFixedThreadPool(2)) {
            List<Future<?>> rounds = IntStream.range(0, 2).mapToObj(i -> otherInstance.submit(() -> {
                while (committing.get()) {
                    secondInstance.relayPending();
                }
            })).collect(Collectors.toList());
            ids = IntStream.range(0, EVENTS).parallel()
                    .mapToObj(i -> transactions.execute(status -> publisher.publish(anIssueRequest())))
                    .map(EventMetadata::messageId).map(UUID::toString).toList();
            committing.set(false);
            for (Future<?> round : rounds) {
                round.get();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from relay_outbox where published_at is null").query(Long.class).single() == 0
                && copiesById.keySet().containsAll(ids));
        // Copies still on their way would arrive within the broker's round trip; the queue must be empty.
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(subscriberQueue).getMessageCount() == 0);
        assertThat(copiesById).as("every row published, each once").hasSize(ids.size())
                .allSatisfy((id, copies) -> assertThat(copies.get()).as(id).isEqualTo(1));
    }

    private static IssueCertificateRequested anIssueRequest() {
        return new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1000, "alice", null);
    }
}
