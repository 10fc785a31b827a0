package org.originrelay.commandapi.subscriptions;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.commandapi.subscriptions.messaging.SubscriptionRetryRouter;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.rejection.RejectionHeaders;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outside subscriber written in Node with only amqplib (subscriber-examples/node) gets broker-side
 * exponential backoff, out-of-order redelivery, parking and replay from a managed subscription, and the
 * retry router can be down meanwhile without losing anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
// Closed after the class: its database connections go back to a PostgreSQL that every engineer's tests share.
@DirtiesContext
class NodeSubscriberIntegrationTest {

    /** Short delays for the test: 1 s, 2 s, 4 s, then parked. */
    private static final String RETRY = "{\"initialDelay\":\"PT1S\",\"multiplier\":2,\"maxDelay\":\"PT10S\",\"maxAttempts\":3}";
    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final String USER_CREATED = "udm.users.user.created";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    SubscriptionNames names;
    @Autowired
    SubscriptionRetryRouter router;
    @Autowired
    DeadLetterQueues deadLetters;
    @Autowired
    MeterRegistry meters;

    @TempDir
    Path temporary;

    private HttpApi api;
    private SubscriptionFixture fixture;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
        fixture = new SubscriptionFixture(api, rabbit, admin, names);
    }

    @AfterEach
    void cleanUp() {
        router.start();
        fixture.deleteEverything(DELAYS.toArray(Duration[]::new));
    }

    @Test
    void aRejectedMessageComesBackAfterGrowingDelaysWhileTheOthersFlowAndOnePastMaxAttemptsIsParkedAndReplayed()
            throws Exception {
        HttpApi.Response created = api.post("/api/v1/subscriptions",
                SubscriptionFixture.body("invitations", "provisioning.events", "\"udm.users.user.*\"", RETRY));
        assertThat(created.status()).isEqualTo(201);
        String queue = created.body().get("queue").asString();
        Path umcDown = Files.createFile(temporary.resolve("umc-is-down"));

        String flaky = "udm-test:flaky";
        String poison = "udm-test:poison";
        try (NodeSubscriber subscriber = NodeSubscriber.start(TestInfrastructure.rabbit(), queue, Map.of(
                "REJECT_TIMES", "{\"" + flaky + "\":3}",
                "FAULTY_IDS", "[\"" + poison + "\"]",
                "FAULT_MARKER", umcDown.toString()))) {
            // The retry router is down: what the subscriber rejects must wait in the broker.
            router.stop();
            publish(flaky, "flaky");
            publish(poison, "poison");
            List<String> others = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                others.add(publish("udm-test:other-" + i, "other-" + i));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(fixture.ready(names.rejectedQueue())).isEqualTo(2);
                assertThat(others).allSatisfy(id -> assertThat(subscriber.count("acked", id)).isEqualTo(1));
            });
            router.start();

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(subscriber.count("acked", flaky)).isEqualTo(1);
                assertThat(fixture.ready(names.deadLetterQueue("invitations"))).isEqualTo(1);
            });

            List<JsonNode> flakyDeliveries = deliveries(subscriber, flaky);
            assertThat(flakyDeliveries).extracting(event -> event.get("attempt").asInt()).containsExactly(0, 1, 2, 3);
            List<JsonNode> flakyRejections = subscriber.eventsOf(flaky).stream()
                    .filter(event -> "rejected".equals(event.get("event").asString())).toList();
            for (int attempt = 1; attempt <= 3; attempt++) {
                long waited = flakyDeliveries.get(attempt).get("at").asLong()
                        - flakyRejections.get(attempt - 1).get("at").asLong();
                assertThat(waited).as("wait before attempt %d", attempt).isGreaterThanOrEqualTo(
                        DELAYS.get(attempt - 1).toMillis());
            }
            long flakyAckedAt = subscriber.eventsOf(flaky).stream()
                    .filter(event -> "acked".equals(event.get("event").asString())).findFirst().orElseThrow()
                    .get("at").asLong();
            assertThat(others).allSatisfy(id -> assertThat(subscriber.eventsOf(id).getLast().get("at").asLong())
                    .isLessThan(flakyAckedAt));
            assertThat(subscriber.count("delivery", poison)).isEqualTo(4);

            DeadLetter parked = deadLetters.browse(names.deadLetterQueue("invitations"), 10).getFirst();
            assertThat(parked.messageId()).isEqualTo(poison);
            assertThat(parked.originalQueue()).isEqualTo(queue);
            assertThat(parked.originalExchange()).isEqualTo(names.exchange("provisioning.events"));
            assertThat(parked.originalRoutingKey()).isEqualTo(USER_CREATED);
            assertThat(parked.retries()).isEqualTo(3);
            assertThat(parked.reason()).contains("rejected by the subscriber 4 times");
            assertThat(parked.firstFailureAt()).isBefore(parked.lastFailureAt());
            assertThat(parked.headers().get(RejectionHeaders.ATTEMPT_HISTORY).toString())
                    .contains("attempt 1: rejected", "attempt 2: rejected", "attempt 3: rejected",
                            "attempt 4: rejected", "parked");
            assertThat(parked.bodyAsText()).isEqualTo("{\"uid\":\"poison\"}");

            JsonNode view = api.get("/api/v1/subscriptions/invitations").body();
            assertThat(view.get("status").get("parked").asLong()).isEqualTo(1);
            assertThat(view.get("status").get("consumers").asInt()).isEqualTo(1);
            assertThat(view.get("counters").get("rejected").asLong()).isEqualTo(7);
            assertThat(view.get("counters").get("parked").asLong()).isEqualTo(1);
            assertThat(view.get("counters").get("retriedByAttempt").get("3").asLong()).isEqualTo(2);
            assertThat(java.time.Instant.parse(view.get("status").get("oldestParkedAt").asString()))
                    .isEqualTo(parked.parkedAt());
            assertThat(view.get("status").get("oldestParkedAgeSeconds").asLong()).isBetween(0L, 600L);
            // The machine's broker runs no Prometheus plugin: deliveries and acks are unknown, and say why.
            assertThat(view.get("counters").get("delivered").isNull()).isTrue();
            assertThat(view.get("counters").get("acked").isNull()).isTrue();
            assertThat(view.get("counters").get("deliveriesSource").asString())
                    .startsWith("unavailable: no broker metrics endpoint configured");
            assertThat(meters.get("relay.subscription.dead_letters").tag("subscription", "invitations").gauge().value())
                    .isEqualTo(1);
            assertThat(meters.get("relay.subscription.consumers").tag("subscription", "invitations").gauge().value())
                    .isEqualTo(1);
            assertThat(meters.find("relay.subscription.delivered").meters()).isEmpty();
            assertThat(api.delete("/api/v1/subscriptions/invitations").status()).isEqualTo(409);

            // The UMC endpoint is back: replay the parked message as the dead-letter API does.
            Files.delete(umcDown);
            int replayed = deadLetters.replay(names.deadLetterQueue("invitations"), letter -> true);

            assertThat(replayed).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subscriber.count("acked", poison))
                    .isEqualTo(1));
            JsonNode replayedDelivery = deliveries(subscriber, poison).getLast();
            assertThat(replayedDelivery.get("attempt").asInt()).isZero();
            assertThat(fixture.ready(names.deadLetterQueue("invitations"))).isZero();
            assertThat(others).allSatisfy(id -> assertThat(subscriber.count("acked", id)).isEqualTo(1));
            assertThat(subscriber.count("acked", flaky)).isEqualTo(1);
            assertThat(subscriber.errors()).isEmpty();
        }
    }

    private static List<JsonNode> deliveries(NodeSubscriber subscriber, String messageId) {
        return subscriber.eventsOf(messageId).stream()
                .filter(event -> "delivery".equals(event.get("event").asString())).toList();
    }

    private String publish(String messageId, String uid) {
        rabbit.send(names.exchange("provisioning.events"), USER_CREATED,
                org.springframework.amqp.core.MessageBuilder.withBody(("{\"uid\":\"" + uid + "\"}").getBytes())
                        .setMessageId(messageId)
                        .setContentType("application/json")
                        .setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT)
                        .build());
        return messageId;
    }
}
