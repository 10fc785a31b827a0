package org.originrelay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = KitTestApplication.class, properties = {
        "spring.application.name=kit-test",
        "relay.messaging.retry.in-process-attempts=1",
        "relay.messaging.retry.initial-delay=300ms",
        "relay.messaging.retry.multiplier=2",
        "relay.messaging.retry.max-delay=1s",
        "relay.messaging.retry.max-attempts=3",
        "relay.messaging.retry.delivery-limit=5"})
class ReliableConsumerIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "kit_test");
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingNames names;
    @Autowired
    ScriptedHandler handler;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    Declarables topology;

    @Test
    void aTransientFailureComesBackWithGrowingDelaysAndIsProcessedOnceWhileOthersFlow() {
        String flaky = send("fail-3");
        String meanwhile = send("ok");

        await().atMost(Duration.ofSeconds(2)).until(() -> handler.successesOf(meanwhile) == 1);
        assertThat(handler.successesOf(flaky)).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.successesOf(flaky) == 1);
        List<Duration> gaps = gaps(handler.attemptsOf(flaky));
        assertThat(gaps).hasSize(3);
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(rabbit.receive(deadLetterQueue(), 300)).isNull();
    }

    @Test
    void aPoisonMessageIsDeadLetteredAtOnceWithItsReasonAndTheQueueKeepsFlowing() {
        String poison = send("poison");
        String next = send("ok");

        Message deadLetter = rabbit.receive(deadLetterQueue(), 5000);

        assertThat(deadLetter).isNotNull();
        assertThat(deadLetter.getMessageProperties().getMessageId()).isEqualTo(poison);
        assertThat(handler.attemptsOf(poison)).hasSize(1);
        assertThat(deadLetter.getMessageProperties().<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE))
                .isEqualTo("body 'poison' can never be processed");
        await().atMost(Duration.ofSeconds(2)).until(() -> handler.successesOf(next) == 1);
    }

    @Test
    void aMessageFailingPastMaxAttemptsLandsInTheDeadLetterQueueUnchangedWithItsHistory() {
        String doomed = send("always-fail");

        Message deadLetter = rabbit.receive(deadLetterQueue(), 10_000);

        assertThat(deadLetter).isNotNull();
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).isEqualTo("always-fail");
        var properties = deadLetter.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(doomed);
        assertThat(properties.getType()).isEqualTo("Work");
        assertThat(properties.<Object>getHeader(RelayHeaders.ORIGINAL_EXCHANGE)).isEqualTo(exchange());
        assertThat(properties.<Object>getHeader(RelayHeaders.ORIGINAL_ROUTING_KEY)).isEqualTo("work.item");
        assertThat(properties.<Object>getHeader(RelayHeaders.ORIGINAL_QUEUE)).isEqualTo(queue());
        assertThat(properties.<Object>getHeader(RelayHeaders.ATTEMPT)).isEqualTo(3);
        assertThat(properties.<Object>getHeader(RelayHeaders.EXCEPTION_CLASS))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(properties.<Object>getHeader(RelayHeaders.EXCEPTION_MESSAGE)).isEqualTo("downstream unavailable");
        assertThat(properties.<Object>getHeader(RelayHeaders.FAILED_SERVICE)).isEqualTo("kit-test");
        assertThat(properties.<Object>getHeader(RelayHeaders.FIRST_FAILURE_AT)).isNotNull();
        assertThat(properties.<Object>getHeader(RelayHeaders.LAST_FAILURE_AT)).isNotNull();
        assertThat(handler.attemptsOf(doomed)).hasSize(4);
    }

    @Test
    void whenTheRetryLadderIsUnreachableTheMessageStaysOnItsQueueAndTheBrokerParksItAtTheDeliveryLimit() {
        Queue firstDelay = topology.getDeclarablesByType(Queue.class).stream()
                .filter(queue -> queue.getName().equals(names.delayQueue(Duration.ofMillis(300)))).findFirst()
                .orElseThrow();
        admin.deleteQueue(firstDelay.getName());
        try {
            String stuck = send("always-fail");

            Message parked = rabbit.receive(deadLetterQueue(), 15_000);

            assertThat(parked).as("parked by the broker after the delivery limit, not lost").isNotNull();
            assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(stuck);
            assertThat(parked.getMessageProperties().getXDeathHeader()).isNotEmpty();
            assertThat(handler.attemptsOf(stuck)).hasSizeGreaterThan(1);
        } finally {
            admin.declareQueue(firstDelay);
            topology.getDeclarablesByType(org.springframework.amqp.core.Binding.class).stream()
                    .filter(binding -> binding.getDestination().equals(firstDelay.getName()))
                    .forEach(admin::declareBinding);
        }
    }

    @Test
    void aRedeliveredMessageIdIsProcessedOnlyOnce() {
        String id = UUID.randomUUID().toString();
        send("ok", id);
        send("ok", id);
        String after = send("ok");

        await().atMost(Duration.ofSeconds(3)).until(() -> handler.successesOf(after) == 1);
        assertThat(handler.successesOf(id)).isEqualTo(1);
        assertThat(handler.attemptsOf(id)).hasSize(1);
    }

    private String send(String script) {
        return send(script, UUID.randomUUID().toString());
    }

    private String send(String script, String messageId) {
        Message message = MessageBuilder.withBody(script.getBytes(StandardCharsets.UTF_8))
                .setMessageId(messageId).setType("Work").build();
        rabbit.send(exchange(), "work.item", message);
        return messageId;
    }

    private String exchange() {
        return names.exchange(KitTestApplication.EXCHANGE);
    }

    private String queue() {
        return names.queue(KitTestApplication.QUEUE);
    }

    private String deadLetterQueue() {
        return MessagingNames.deadLetterQueue(queue());
    }

    private static List<Duration> gaps(List<java.time.Instant> attempts) {
        return java.util.stream.IntStream.range(1, attempts.size())
                .mapToObj(i -> Duration.between(attempts.get(i - 1), attempts.get(i))).toList();
    }
}
