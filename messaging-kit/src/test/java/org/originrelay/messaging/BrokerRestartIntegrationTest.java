package org.originrelay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.PrivateRabbitNode;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Parked messages survive a restart of the broker's application: the test owns its broker (a private
 * node on its own ports, see {@link PrivateRabbitNode}), so it may stop it. Messages are published
 * transient on purpose: only the kit's own republishing makes them persistent in the classic
 * dead-letter queue.
 */
class BrokerRestartIntegrationTest {

    private static final Duration PARKED_DELAY = Duration.ofHours(1);

    @Test
    void deadLettersAndWaitingRetriesAreAllThereInOrderWithTheirHeadersAfterTheBrokerApplicationRestarts() {
        assumeTrue(PrivateRabbitNode.available(), "rabbitmq-server is not installed");
        try (PrivateRabbitNode node = PrivateRabbitNode.start();
                ConfigurableApplicationContext service = startService(node)) {
            MessagingNames names = service.getBean(MessagingNames.class);
            RabbitTemplate rabbit = service.getBean(RabbitTemplate.class);
            AmqpAdmin admin = service.getBean(AmqpAdmin.class);
            String deadLetterQueue = MessagingNames.deadLetterQueue(names.queue(KitTestApplication.QUEUE));
            String delayQueue = names.delayQueue(PARKED_DELAY);

            // One at a time, each parked before the next is sent, so the queue's order is the sending order
            // (the service may run several consumers).
            List<String> poisons = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                poisons.add(sendTransient(rabbit, names, "poison", Map.of()));
                int parkedSoFar = i + 1;
                await().atMost(Duration.ofSeconds(60)).until(() -> messageCount(admin, deadLetterQueue) == parkedSoFar);
            }
            // Has come back from the ladder once already; max-attempts is 1, so this failure spends them.
            String spent = sendTransient(rabbit, names, "always-fail", Map.of(RelayHeaders.ATTEMPT, 1));
            await().atMost(Duration.ofSeconds(60)).until(() -> messageCount(admin, deadLetterQueue) == 4);
            String waiting = sendTransient(rabbit, names, "always-fail", Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> messageCount(admin, delayQueue) == 1);

            node.restartApplication();

            List<Message> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Message next = rabbit.receive(deadLetterQueue, 1000);
                if (next != null) {
                    parked.add(next);
                }
                assertThat(parked).hasSize(4);
            });
            List<String> expectedOrder = new ArrayList<>(poisons);
            expectedOrder.add(spent);
            assertThat(parked).extracting(message -> message.getMessageProperties().getMessageId())
                    .containsExactlyElementsOf(expectedOrder);
            for (Message deadLetter : parked) {
                var properties = deadLetter.getMessageProperties();
                assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
                assertThat(properties.<String>getHeader(RelayHeaders.ORIGINAL_ROUTING_KEY)).isEqualTo("work.restart");
                assertThat(properties.<String>getHeader(RelayHeaders.ORIGINAL_QUEUE))
                        .isEqualTo(names.queue(KitTestApplication.QUEUE));
                assertThat(properties.<String>getHeader(RelayHeaders.FAILED_SERVICE)).isEqualTo("kit-restart-test");
                assertThat(properties.getType()).isEqualTo("RestartProbe");
            }
            assertThat(parked.subList(0, 3)).allSatisfy(message -> assertThat(message.getMessageProperties()
                    .<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE)).isEqualTo("body 'poison' can never be processed"));
            assertThat(parked.get(3).getMessageProperties().<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE))
                    .isEqualTo("downstream unavailable");
            assertThat(parked.get(3).getMessageProperties().<Integer>getHeader(RelayHeaders.ATTEMPT)).isEqualTo(1);

            Message retry = rabbit.receive(delayQueue, 10_000);
            assertThat(retry).isNotNull();
            assertThat(retry.getMessageProperties().getMessageId()).isEqualTo(waiting);
            assertThat(retry.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            assertThat(retry.getMessageProperties().<Integer>getHeader(RelayHeaders.ATTEMPT)).isEqualTo(1);
            assertThat(retry.getMessageProperties().<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE))
                    .isEqualTo("downstream unavailable");
            assertThat(new String(retry.getBody(), StandardCharsets.UTF_8)).isEqualTo("always-fail");
        }
    }

    private static ConfigurableApplicationContext startService(PrivateRabbitNode node) {
        Map<String, Object> properties = new LinkedHashMap<>(
                TestInfrastructure.newEnvironment().serviceProperties("kit_restart"));
        properties.put("spring.rabbitmq.host", node.host());
        properties.put("spring.rabbitmq.port", node.amqpPort());
        properties.put("spring.rabbitmq.username", "guest");
        properties.put("spring.rabbitmq.password", "guest");
        properties.put("spring.application.name", "kit-restart-test");
        properties.put("relay.messaging.retry.in-process-attempts", 1);
        properties.put("relay.messaging.retry.initial-delay", PARKED_DELAY.toString());
        properties.put("relay.messaging.retry.max-delay", PARKED_DELAY.toString());
        properties.put("relay.messaging.retry.max-attempts", 1);
        Properties defaults = new Properties();
        defaults.putAll(properties);
        return new SpringApplicationBuilder(KitTestApplication.class).properties(defaults).run();
    }

    private static String sendTransient(RabbitTemplate rabbit, MessagingNames names, String script,
            Map<String, Object> headers) {
        String id = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(script.getBytes(StandardCharsets.UTF_8))
                .setMessageId(id)
                .setType("RestartProbe")
                .setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT)
                .build();
        headers.forEach(message.getMessageProperties()::setHeader);
        rabbit.send(names.exchange(KitTestApplication.EXCHANGE), "work.restart", message);
        return id;
    }

    private static int messageCount(AmqpAdmin admin, String queue) {
        QueueInformation information = admin.getQueueInfo(queue);
        return information == null ? -1 : Math.toIntExact(information.getMessageCount());
    }
}
