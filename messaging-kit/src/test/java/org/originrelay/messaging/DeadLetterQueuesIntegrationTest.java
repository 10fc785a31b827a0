package org.originrelay.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.deadletter.DeadLetterFilter;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = KitTestApplication.class, properties = {
        "spring.application.name=kit-test",
        "relay.messaging.retry.in-process-attempts=1",
        "relay.messaging.retry.initial-delay=200ms",
        "relay.messaging.retry.max-attempts=1"})
class DeadLetterQueuesIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "kit_dead_letter_test");
    }

    @Autowired
    DeadLetterQueues deadLetters;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    ScriptedHandler handler;

    @BeforeEach
    void emptyTheDeadLetterQueue() {
        admin.purgeQueue(deadLetterQueue(), false);
        handler.faultCleared = false;
    }

    @Test
    void browsingAThousandParkedMessagesLeavesThemAllThereInTheSameOrder() throws Exception {
        List<String> parked = new ArrayList<>();
        // One channel for all publishes, so the queue holds them in exactly this order.
        rabbit.invoke(operations -> {
            for (int i = 0; i < 1000; i++) {
                parked.add(parkDirectly("ok"));
            }
            return null;
        });
        // Sent without waiting for confirms: a busy broker may still be enqueueing the last ones.
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count(deadLetterQueue()) == 1000);

        List<DeadLetter> firstLook = deadLetters.browse(deadLetterQueue(), 1000);
        List<DeadLetter> secondLook = deadLetters.browse(deadLetterQueue(), 1000);

        assertThat(firstLook).extracting(DeadLetter::messageId).containsExactlyElementsOf(parked);
        assertThat(secondLook).extracting(DeadLetter::messageId).containsExactlyElementsOf(parked);
        assertThat(deadLetters.count(deadLetterQueue())).isEqualTo(1000);
        assertThat(deadLetters.browse(deadLetterQueue(), 10)).extracting(DeadLetter::messageId)
                .containsExactlyElementsOf(parked.subList(0, 10));
    }

    @Test
    void aReplayedMessageIsProcessedExactlyOnceOnceTheFaultIsCleared() throws Exception {
        String failing = send("fail-until-cleared");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count(deadLetterQueue()) == 1);
        DeadLetter parked = deadLetters.browse(deadLetterQueue(), 1).getFirst();
        assertThat(parked.messageId()).isEqualTo(failing);
        assertThat(parked.reason()).isEqualTo("the fault is not cleared yet");
        assertThat(parked.originalQueue()).isEqualTo(queue());
        assertThat(parked.retries()).isEqualTo(1);
        assertThat(parked.deliveries()).isEqualTo(2);
        assertThat(parked.stackTrace()).contains("the fault is not cleared yet").contains("at org.originrelay");

        handler.faultCleared = true;
        int replayed = deadLetters.replay(deadLetterQueue(), DeadLetterFilter.byIds(Set.of(failing)));

        assertThat(replayed).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> handler.successesOf(failing) == 1);
        assertThat(deadLetters.count(deadLetterQueue())).isZero();
        await().during(Duration.ofMillis(500)).until(() -> handler.successesOf(failing) == 1);
    }

    @Test
    void aReplayCarriesAReplayCountAndTheAttemptsStartAgain() throws Exception {
        String failing = send("fail-until-cleared");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count(deadLetterQueue()) == 1);

        deadLetters.replay(deadLetterQueue(), DeadLetterFilter.everything());

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count(deadLetterQueue()) == 1);
        DeadLetter again = deadLetters.browse(deadLetterQueue(), 1).getFirst();
        assertThat(again.messageId()).isEqualTo(failing);
        assertThat(again.replayCount()).isEqualTo(1);
        assertThat(again.retries()).isEqualTo(1);
        assertThat(again.deliveries()).isEqualTo(4);
        assertThat(handler.attemptsOf(failing)).hasSize(4);
    }

    @Test
    void onlyTheSelectedMessagesAreReplayedOrDiscardedAndTheRestKeepTheirOrder() throws Exception {
        List<String> ids = rabbit.invoke(operations -> List.of(parkDirectly("ok"), parkDirectly("poison"),
                parkDirectly("ok")));
        String first = ids.get(0);
        String poison = ids.get(1);
        String last = ids.get(2);

        assertThat(deadLetters.replay(deadLetterQueue(), DeadLetterFilter.nothing())).isZero();
        int discarded = deadLetters.discard(deadLetterQueue(), DeadLetterFilter.byIds(Set.of(poison)));

        assertThat(discarded).isEqualTo(1);
        assertThat(deadLetters.browse(deadLetterQueue(), 10)).extracting(DeadLetter::messageId)
                .containsExactly(first, last);
        assertThat(deadLetters.replay(deadLetterQueue(), DeadLetterFilter.byType("Work")))
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> handler.successesOf(first) == 1 && handler.successesOf(last) == 1);
    }

    @Test
    void aReplayThatDiesMidwayLosesNothing() throws Exception {
        List<String> parked = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            parked.add(parkDirectly("ok"));
        }
        // Sent without waiting for confirms: the replay must find all thirty there.
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count(deadLetterQueue()) == 30);
        AtomicInteger looked = new AtomicInteger();
        Predicate<DeadLetter> crashingAfterTen = letter -> {
            if (looked.incrementAndGet() > 10) {
                throw new IllegalStateException("operator's replay died");
            }
            return true;
        };

        assertThatThrownBy(() -> deadLetters.replay(deadLetterQueue(), crashingAfterTen))
                .isInstanceOf(IllegalStateException.class);
        assertThat(deadLetters.count(deadLetterQueue())).isEqualTo(20);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            long stillParked = deadLetters.count(deadLetterQueue());
            long processed = parked.stream().filter(id -> handler.successesOf(id) == 1).count();
            assertThat(stillParked + processed).isEqualTo(30);
        });
        deadLetters.replay(deadLetterQueue(), DeadLetterFilter.everything());
        await().atMost(Duration.ofSeconds(10)).until(() -> parked.stream().allMatch(id -> handler.successesOf(id) == 1));
        assertThat(deadLetters.count(deadLetterQueue())).isZero();
    }

    private String parkDirectly(String script) {
        String id = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(script.getBytes(StandardCharsets.UTF_8)).setMessageId(id)
                .setType("Work").setHeader(RelayHeaders.ORIGINAL_QUEUE, queue())
                .setHeader(RelayHeaders.EXCEPTION_MESSAGE, "parked by the test").build();
        rabbit.send("", deadLetterQueue(), message);
        return id;
    }

    private String send(String script) {
        String id = UUID.randomUUID().toString();
        rabbit.send(names.exchange(KitTestApplication.EXCHANGE), "work.item",
                MessageBuilder.withBody(script.getBytes(StandardCharsets.UTF_8)).setMessageId(id).setType("Work").build());
        return id;
    }

    private String queue() {
        return names.queue(KitTestApplication.QUEUE);
    }

    private String deadLetterQueue() {
        return MessagingNames.deadLetterQueue(queue());
    }
}
