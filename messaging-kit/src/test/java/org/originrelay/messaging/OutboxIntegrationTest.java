package org.originrelay.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.originrelay.messaging.outbox.OutboxRelay;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.messaging.publish.PublishFailedException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = KitTestApplication.class, properties = "spring.application.name=kit-test")
class OutboxIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "kit_outbox_test");
    }

    @Autowired
    CertificateEventPublisher publisher;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConfirmedPublisher confirmedPublisher;
    @Autowired
    CachingConnectionFactory connectionFactory;

    private String subscriberQueue;

    @BeforeEach
    void bindASubscriberQueue() {
        subscriberQueue = names.queue("outbox-test.subscriber." + UUID.randomUUID());
        Queue queue = new Queue(subscriberQueue, false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(names.exchange(EventCatalog.EXCHANGE))).with("#"));
    }

    @AfterEach
    void removeSubscriberQueue() {
        admin.deleteQueue(subscriberQueue);
    }

    @Test
    void anEventAppendedInACommittedTransactionIsPublishedPerTheContract() {
        IssueCertificateRequested event = anIssueRequest();

        EventMetadata metadata = transactions.execute(status -> publisher.publish(event));

        Message message = rabbit.receive(subscriberQueue, 5000);
        assertThat(message).isNotNull();
        var properties = message.getMessageProperties();
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("issue-certificate.requested");
        assertThat(properties.getMessageId()).isEqualTo(metadata.messageId().toString());
        assertThat(properties.getCorrelationId()).isEqualTo(event.commandId().toString());
        assertThat(properties.getType()).isEqualTo("IssueCertificateRequested");
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getTimestamp()).isNotNull();
        assertThat(properties.<Object>getHeader(RelayHeaders.CAUSATION_ID)).isEqualTo(event.commandId().toString());
        assertThat(properties.<Object>getHeader(RelayHeaders.SCHEMA_VERSION)).isEqualTo(1);
        CertificateEvent read = CertificateEventMessages.read(message).event();
        assertThat(read).isEqualTo(event);
    }

    @Test
    void anEventAppendedInARolledBackTransactionIsNeverPublished() {
        IssueCertificateRequested rolledBack = anIssueRequest();
        IssueCertificateRequested committed = anIssueRequest();

        transactions.executeWithoutResult(status -> {
            publisher.publish(rolledBack);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> publisher.publish(committed));

        Message first = rabbit.receive(subscriberQueue, 5000);
        assertThat(first).isNotNull();
        assertThat(first.getMessageProperties().getCorrelationId()).isEqualTo(committed.commandId().toString());
        assertThat(rabbit.receive(subscriberQueue, 500)).isNull();
    }

    @Test
    void aConfirmedRowLeavesTheOutboxAndRowsMarkedPublishedByAnEarlierVersionGoAfterTheRetention() {
        EventMetadata published = transactions.execute(status -> publisher.publish(anIssueRequest()));
        // Received can come before the relay has committed the confirm; wait for the row to go.
        await().atMost(Duration.ofSeconds(5)).until(() -> rowsWithMessageId(published.messageId().toString()) == 0);
        jdbc.sql("insert into relay_outbox (message_id, exchange, routing_key, message_type, headers, body, published_at)"
                + " values ('marked-published', 'nowhere', 'x', 'X', '{}', '\\x00', now() - interval '1 hour')").update();
        jdbc.sql("insert into relay_outbox (message_id, exchange, routing_key, message_type, headers, body, published_at)"
                + " values ('never-published', 'nowhere', 'x', 'X', '{}', '\\x00', null)").update();

        relay.forgetPublishedOlderThan(Duration.ZERO);

        assertThat(jdbc.sql("select message_id from relay_outbox").query(String.class).list())
                .containsExactly("never-published");
        jdbc.sql("delete from relay_outbox").update();
    }

    @Test
    void anEventNobodySubscribesToIsStillPublishedAndDoesNotHoldUpTheOutbox() {
        admin.deleteQueue(subscriberQueue);
        IssueCertificateRequested unheard = anIssueRequest();

        EventMetadata metadata = transactions.execute(status -> publisher.publish(unheard));

        // Confirmed, so deleted from the outbox: nothing of it is left to hold up the rows after it.
        await().atMost(Duration.ofSeconds(5)).until(() -> rowsWithMessageId(metadata.messageId().toString()) == 0);
    }

    private long rowsWithMessageId(String messageId) {
        return jdbc.sql("select count(*) from relay_outbox where message_id = :id").param("id", messageId)
                .query(Long.class).single();
    }

    @Test
    void batchesSentOnOnePipelineArriveInOrderWhileEarlierConfirmsAreAwaitedLater() throws Exception {
        List<List<ConfirmedPublisher.Outgoing>> batches = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            batches.add(batchOf(20, ids));
        }

        // Every batch is sent before the first one's confirms are awaited.
        List<Boolean> confirmed = confirmedPublisher.inOrder(pipeline -> {
            List<ConfirmedPublisher.PendingConfirms> pending = new ArrayList<>();
            for (List<ConfirmedPublisher.Outgoing> batch : batches) {
                pending.add(pipeline.send(batch));
            }
            List<Boolean> all = new ArrayList<>();
            for (ConfirmedPublisher.PendingConfirms confirms : pending) {
                all.addAll(confirms.await());
            }
            return all;
        });

        assertThat(confirmed).hasSize(ids.size()).containsOnly(true);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Message message = rabbit.receive(subscriberQueue, 5000);
            assertThat(message).as("message %d", i + 1).isNotNull();
            assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            received.add(message.getMessageProperties().getMessageId());
        }
        assertThat(received).containsExactlyElementsOf(ids);
    }

    @Test
    void aPipelineWhoseConnectionWasLostSendsNothingMoreSoNoBatchOvertakesTheLostOnes() throws Exception {
        List<String> firstIds = new ArrayList<>();
        List<ConfirmedPublisher.Outgoing> first = batchOf(10, firstIds);
        List<String> laterIds = new ArrayList<>();
        List<ConfirmedPublisher.Outgoing> second = batchOf(10, laterIds);
        List<ConfirmedPublisher.Outgoing> third = batchOf(10, laterIds);

        List<String> outcomes = confirmedPublisher.inOrder(pipeline -> {
            List<String> seen = new ArrayList<>();
            seen.add("first confirmed: " + pipeline.send(first).await().stream().allMatch(Boolean::booleanValue));
            // As if the connection dropped while later batches were on their way: those are lost with it.
            connectionFactory.resetConnection();
            for (List<ConfirmedPublisher.Outgoing> batch : List.of(second, third)) {
                try {
                    pipeline.send(batch);
                    seen.add("sent");
                } catch (PublishFailedException refused) {
                    seen.add("refused");
                }
            }
            return seen;
        });

        assertThat(outcomes).containsExactly("first confirmed: true", "refused", "refused");
        List<String> received = new ArrayList<>();
        Message message;
        while ((message = rabbit.receive(subscriberQueue, 1000)) != null) {
            received.add(message.getMessageProperties().getMessageId());
        }
        assertThat(received).containsExactlyElementsOf(firstIds);
    }

    /** {@code size} events to the kit's exchange, their message ids added to {@code ids} in order. */
    private List<ConfirmedPublisher.Outgoing> batchOf(int size, List<String> ids) {
        List<ConfirmedPublisher.Outgoing> messages = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            MessageProperties properties = new MessageProperties();
            properties.setMessageId(id);
            messages.add(new ConfirmedPublisher.Outgoing(names.exchange(EventCatalog.EXCHANGE), "pipeline.test",
                    new Message("{}".getBytes(), properties)));
        }
        return messages;
    }

    @Test
    void theOutboxRefusesToBeWrittenOutsideATransaction() {
        assertThatThrownBy(() -> publisher.publish(anIssueRequest())).isInstanceOf(IllegalStateException.class);
    }

    private static IssueCertificateRequested anIssueRequest() {
        return new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1000, "alice", null);
    }
}
