package org.originrelay.commandapi.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's REST API over a real dead-letter queue: this service's own
 * {@code command-api.command-status.dlq}, filled with parked status events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class DeadLetterEndpointsIntegrationTest {

    private static final String DLQ = "command-api.command-status.dlq";

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
    MessagingNames names;

    private HttpApi api;

    @BeforeEach
    void emptyTheParkingLot() {
        api = new HttpApi(port);
        admin.purgeQueue(names.queue(DLQ), false);
    }

    @Test
    void everyDeadLetterQueueIsListedWithItsCount() {
        park("RejectedByTest");
        park("RejectedByTest");

        JsonNode queues = api.get("/api/v1/dead-letters").body();

        assertThat(queues).extracting(queue -> queue.get("queue").asString()).contains(DLQ,
                "validator.requests.dlq", "registry-connector.validated.dlq",
                "certificates-projection.registry-accepted.dlq");
        assertThat(queues).filteredOn(queue -> queue.get("queue").asString().equals(DLQ))
                .extracting(queue -> queue.get("messages").asLong()).containsExactly(2L);
    }

    @Test
    void browsingShowsWhyMessagesFailedAndConsumesNothing() {
        List<String> parked = List.of(park("first failure"), park("second failure"), park("third failure"));

        HttpApi.Response first = api.get("/api/v1/dead-letters/" + DLQ + "/messages?limit=2");
        HttpApi.Response again = api.get("/api/v1/dead-letters/" + DLQ + "/messages");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).extracting(letter -> letter.get("messageId").asString())
                .containsExactlyElementsOf(parked.subList(0, 2));
        JsonNode letter = first.body().get(0);
        assertThat(letter.get("type").asString()).isEqualTo("TransferSliceRequested");
        assertThat(letter.get("reason").asString()).isEqualTo("first failure");
        assertThat(letter.get("originalQueue").asString()).isEqualTo(names.queue("command-api.command-status"));
        assertThat(letter.get("attempts").asInt()).isEqualTo(7);
        assertThat(letter.get("body").asString()).contains("\"receiver\":\"bob\"");
        assertThat(again.body()).extracting(each -> each.get("messageId").asString()).containsExactlyElementsOf(parked);
    }

    @Test
    void replayPutsTheSelectedMessagesBackOnTheirQueue() {
        String replayed = park("fixed by now");
        String kept = park("still broken");

        HttpApi.Response response = api.post("/api/v1/dead-letters/" + DLQ + "/replay",
                "{\"messageIds\":[\"" + replayed + "\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("replayed").asInt()).isEqualTo(1);
        // The status consumer takes it back (and ignores it: no such command here), leaving the other parked.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                api.get("/api/v1/dead-letters/" + DLQ + "/messages").body())
                .extracting(letter -> letter.get("messageId").asString()).containsExactly(kept));
    }

    @Test
    void replayAllAndDiscardOneAndAFilterThatSelectsNothing() {
        String discarded = park("poison");
        String replayed = park("transient");

        assertThat(api.post("/api/v1/dead-letters/" + DLQ + "/replay", "{}").body().get("replayed").asInt()).isZero();
        HttpApi.Response discard = api.delete("/api/v1/dead-letters/" + DLQ + "/messages/" + discarded);
        HttpApi.Response replayAll = api.post("/api/v1/dead-letters/" + DLQ + "/replay", "{\"all\":true}");

        assertThat(discard.body().get("discarded").asInt()).isEqualTo(1);
        assertThat(replayAll.body().get("replayed").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                api.get("/api/v1/dead-letters/" + DLQ + "/messages").body()).isEmpty());
        assertThat(replayed).isNotEqualTo(discarded);
    }

    @Test
    void anUnknownQueueIsNotFoundAndABadLimitIsABadRequest() {
        HttpApi.Response unknown = api.get("/api/v1/dead-letters/validator.requests/messages");
        HttpApi.Response badLimit = api.get("/api/v1/dead-letters/" + DLQ + "/messages?limit=0");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).contains("is not a dead-letter queue");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.contentType()).startsWith("application/problem+json");
    }

    private String park(String reason) {
        var event = new TransferSliceRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "bob", null);
        String messageId = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(EventJson.write(event))
                .setMessageId(messageId)
                .setCorrelationId(event.commandId().toString())
                .setType("TransferSliceRequested")
                .setContentType("application/json")
                .setHeader(RelayHeaders.CAUSATION_ID, event.commandId().toString())
                .setHeader(RelayHeaders.SCHEMA_VERSION, 1)
                .setHeader(RelayHeaders.ORIGINAL_QUEUE, names.queue("command-api.command-status"))
                .setHeader(RelayHeaders.ATTEMPT, 7)
                .setHeader(RelayHeaders.EXCEPTION_MESSAGE, reason)
                .build();
        rabbit.invoke(operations -> {
            operations.send("", names.queue(DLQ), message);
            return null;
        });
        return messageId;
    }
}
