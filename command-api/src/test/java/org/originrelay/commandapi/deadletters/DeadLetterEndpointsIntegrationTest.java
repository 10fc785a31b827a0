package org.originrelay.commandapi.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.messaging.consume.FailureRouter;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.originrelay.commandapi.deadletters.DeadLetterFixtures.*;

/**
 * The operator's REST API over real dead-letter queues: command-api's own, the validator's and the
 * bridge's, each registered in the kit's registry the way its service does, filled by the kit's
 * FailureRouter (or as the bridge parks).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
@Import(DeadLetterFixtures.OtherServicesParkingLots.class)
class DeadLetterEndpointsIntegrationTest {

    private static final String API = "/api/v1/dead-letters";
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    @Autowired
    FailureRouter router;

    private HttpApi api;

    @BeforeEach
    void emptyTheParkingLots() {
        api = new HttpApi(port, TestTokens.bearer("olivia-operator", "operator"));
        // Ready once it has read the registry of dead-letter queues (slow right after start on a busy broker).
        await().atMost(Duration.ofSeconds(90)).until(() -> api.get(API).status() == 200);
        for (String queue : List.of(STATUS_DLQ, VALIDATOR_DLQ, BRIDGE_DLQ, VALIDATOR_QUEUE, BRIDGE_SUBSCRIBER, NOTICE_TAP)) {
            admin.purgeQueue(names.queue(queue), false);
        }
    }

    @Test
    void everyRegisteredDeadLetterQueueIsListedWithItsDepthAndOldestMessage() throws Exception {
        parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        parkBridgeEvent(rabbit, names, "user.created", "unmappable");

        JsonNode queues = api.get(API).body();

        assertThat(queues).extracting(queue -> queue.get("queue").asString())
                .contains(STATUS_DLQ, VALIDATOR_DLQ, BRIDGE_DLQ);
        JsonNode validator = only(queues, VALIDATOR_DLQ);
        assertThat(validator.get("messages").asLong()).isEqualTo(2);
        assertThat(validator.get("service").asString()).isEqualTo("validator");
        assertThat(validator.get("replayTarget").asString()).isEqualTo("queue " + VALIDATOR_QUEUE);
        assertThat(validator.get("oldestAgeSeconds").asLong()).isBetween(0L, 600L);
        JsonNode bridge = only(queues, BRIDGE_DLQ);
        assertThat(bridge.get("messages").asLong()).isEqualTo(1);
        assertThat(bridge.get("replayTarget").asString()).isEqualTo("exchange " + BRIDGE_EXCHANGE + " (original routing key)");
        assertThat(only(queues, STATUS_DLQ).get("messages").asLong()).isZero();
    }

    @Test
    void browsingShowsDeliveriesRetriesStackTraceHeadersAndCorrelationAndConsumesNothing() throws Exception {
        UUID commandId = UUID.randomUUID();
        String first = parkRequest(router, names, commandId, unknownCommand(commandId));
        String second = parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));

        HttpApi.Response look = api.get(API + "/" + VALIDATOR_DLQ + "/messages?limit=1");
        HttpApi.Response again = api.get(API + "/" + VALIDATOR_DLQ + "/messages?limit=10000");

        assertThat(look.status()).isEqualTo(200);
        assertThat(look.body()).hasSize(1);
        JsonNode letter = look.body().get(0);
        assertThat(letter.get("messageId").asString()).isEqualTo(first);
        assertThat(letter.get("type").asString()).isEqualTo("TransferSliceRequested");
        assertThat(letter.get("correlationId").asString()).isEqualTo(commandId.toString());
        // Parked at its first failure: one delivery, no pass through the ladder (not "attempts: 0").
        assertThat(letter.get("deliveries").asInt()).isEqualTo(1);
        assertThat(letter.get("retries").asInt()).isZero();
        assertThat(letter.has("attempts")).isFalse();
        assertThat(letter.get("exceptionClass").asString()).isEqualTo("org.originrelay.messaging.consume.PermanentFailure");
        assertThat(letter.get("normalisedReason").asString()).isEqualTo("command {id} is not known after {n} lookups");
        assertThat(letter.get("stackTrace").asString()).contains("PermanentFailure: command " + commandId)
                .contains("at org.originrelay");
        assertThat(letter.get("headers").get(RelayHeaders.ORIGINAL_ROUTING_KEY).asString()).isEqualTo("transfer-slice.requested");
        assertThat(letter.get("routingKey").asString()).isEqualTo("transfer-slice.requested");
        assertThat(letter.get("originalQueue").asString()).isEqualTo(VALIDATOR_QUEUE);
        assertThat(letter.get("body").asString()).contains("\"receiver\":\"bob\"");
        assertThat(letter.get("links").get("command").asString()).isEqualTo("/api/v1/commands/" + commandId);
        assertThat(again.body()).extracting(each -> each.get("messageId").asString()).containsExactly(first, second);
    }

    @Test
    void oneMessageInFullAndEveryOtherDeadLetterOfItsCorrelation() throws Exception {
        UUID commandId = UUID.randomUUID();
        String request = parkRequest(router, names, commandId, unknownCommand(commandId));
        String status = park(router, names, STATUS_QUEUE, EventCatalog.EXCHANGE, "transfer-slice.validated",
                "TransferSliceValidated", commandId, "{}".getBytes(StandardCharsets.UTF_8),
                new SliceReserved("lock timeout"));

        HttpApi.Response message = api.get(API + "/" + VALIDATOR_DLQ + "/messages/" + request);
        HttpApi.Response correlation = api.get(API + "/correlations/" + commandId);
        HttpApi.Response missing = api.get(API + "/" + VALIDATOR_DLQ + "/messages/" + UUID.randomUUID());

        assertThat(message.status()).isEqualTo(200);
        assertThat(message.body().get("messageId").asString()).isEqualTo(request);
        assertThat(correlation.body().get("deadLetters")).extracting(letter -> letter.get("messageId").asString())
                .containsExactlyInAnyOrder(request, status);
        assertThat(correlation.body().get("command").isNull()).isTrue();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void failuresAreGroupedByQueueExceptionAndReasonWithoutIdsOrNumbers() throws Exception {
        for (int i = 0; i < 3; i++) {
            parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        }
        parkRequest(router, names, UUID.randomUUID(), new SliceReserved("slice 42 is reserved"));
        parkBridgeEvent(rabbit, names, "user.created", "no mapping for attribute 7");

        JsonNode groups = api.get(API + "/groups").body();
        JsonNode onlyValidator = api.get(API + "/groups?queue=" + VALIDATOR_DLQ).body();

        JsonNode biggest = groups.get(0);
        assertThat(biggest.get("queue").asString()).isEqualTo(VALIDATOR_DLQ);
        assertThat(biggest.get("count").asInt()).isEqualTo(3);
        assertThat(biggest.get("reason").asString()).isEqualTo("command {id} is not known after {n} lookups");
        assertThat(biggest.get("sampleMessageIds")).hasSize(3);
        assertThat(biggest.get("firstFailureAt").asString()).isNotBlank();
        assertThat(biggest.get("lastFailureAt").asString()).isGreaterThanOrEqualTo(biggest.get("firstFailureAt").asString());
        assertThat(groups).extracting(group -> group.get("reason").asString())
                .contains("slice {n} is reserved", "no mapping for attribute {n}");
        assertThat(onlyValidator).extracting(group -> group.get("queue").asString()).containsOnly(VALIDATOR_DLQ);
        assertThat(api.get(API + "/groups?queue=nope.dlq").status()).isEqualTo(404);
    }

    @Test
    void aDryRunSaysWhatWouldMoveWhereAndMovesNothingThenTheGroupReplayMovesExactlyThat() throws Exception {
        for (int i = 0; i < 3; i++) {
            parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        }
        String other = parkRequest(router, names, UUID.randomUUID(), new SliceReserved("slice 42 is reserved"));
        String group = "{\"exceptionClass\":\"org.originrelay.messaging.consume.PermanentFailure\","
                + "\"reason\":\"command {id} is not known after {n} lookups\"";

        HttpApi.Response dryRun = api.post(API + "/" + VALIDATOR_DLQ + "/replay", group + ",\"dryRun\":true}");

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().get("dryRun").asBoolean()).isTrue();
        JsonNode plan = dryRun.body().get("plan");
        assertThat(plan.get("matched").asInt()).isEqualTo(3);
        assertThat(plan.get("examined").asInt()).isEqualTo(4);
        assertThat(plan.get("moves").get(0).get("destination").asString()).isEqualTo("queue " + VALIDATOR_QUEUE);
        assertThat(plan.get("moves").get(0).get("messages").asInt()).isEqualTo(3);
        assertThat(count(VALIDATOR_DLQ)).isEqualTo(4);

        HttpApi.Response replay = api.post(API + "/" + VALIDATOR_DLQ + "/replay", group + ",\"ratePerSecond\":50}");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(replay.body().get("done").asInt()).isEqualTo(3);
        assertThat(replay.body().get("operator").asString()).isEqualTo("olivia-operator");
        assertThat(count(VALIDATOR_QUEUE)).isEqualTo(3);
        Message replayed = rabbit.receive(names.queue(VALIDATOR_QUEUE), 5000);
        assertThat(replayed.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(replayed.getMessageProperties().getHeaders()).containsEntry(RelayHeaders.REPLAY_COUNT, 1)
                .doesNotContainKey(RelayHeaders.ATTEMPT);
        assertThat(api.get(API + "/" + VALIDATOR_DLQ + "/messages").body())
                .extracting(letter -> letter.get("messageId").asString()).containsExactly(other);
    }

    @Test
    void theBridgesParkedEventsReplayToItsExchangeWithTheirOriginalRoutingKey() {
        String parked = parkBridgeEvent(rabbit, names, "user.created", "subscriber queue was full");

        HttpApi.Response dryRun = api.post(API + "/" + BRIDGE_DLQ + "/replay", "{\"all\":true,\"dryRun\":true}");
        HttpApi.Response replay = api.post(API + "/" + BRIDGE_DLQ + "/replay", "{\"all\":true}");

        assertThat(dryRun.body().get("plan").get("moves").get(0).get("destination").asString())
                .isEqualTo("exchange " + BRIDGE_EXCHANGE + " with routing key user.created");
        assertThat(replay.body().get("done").asInt()).isEqualTo(1);
        Message received = rabbit.receive(names.queue(BRIDGE_SUBSCRIBER), 10_000);
        assertThat(received.getMessageProperties().getMessageId()).isEqualTo(parked);
        assertThat(received.getMessageProperties().getReceivedRoutingKey()).isEqualTo("user.created");
        assertThat(received.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
    }

    @Test
    void aReplayToAQueueTheKitDoesNotManageIsRefusedAndMovesNothing() throws Exception {
        parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        Message forged = MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8)).setMessageId(UUID.randomUUID().toString())
                .setType("Anything").setHeader(RelayHeaders.ORIGINAL_QUEUE, names.queue("somebody.elses.queue")).build();
        rabbit.send("", names.queue(VALIDATOR_DLQ), forged);

        HttpApi.Response dryRun = api.post(API + "/" + VALIDATOR_DLQ + "/replay", "{\"all\":true,\"dryRun\":true}");
        HttpApi.Response replay = api.post(API + "/" + VALIDATOR_DLQ + "/replay", "{\"all\":true}");

        assertThat(dryRun.body().get("plan").get("unreplayableCount").asInt()).isEqualTo(1);
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.body().get("detail").asString()).contains("somebody.elses.queue")
                .contains("not one of the kit's managed queues");
        assertThat(count(VALIDATOR_DLQ)).isEqualTo(2);
        assertThat(count(VALIDATOR_QUEUE)).isZero();
    }

    @Test
    void discardingAnnouncesItOnRelayOperationsAuditsWhoDidItAndASecondDeleteIsNotFound() throws Exception {
        UUID commandId = UUID.randomUUID();
        String poison = parkRequest(router, names, commandId, unknownCommand(commandId));

        HttpApi.Response dryRun = api.post(API + "/" + VALIDATOR_DLQ + "/discard",
                "{\"messageIds\":[\"" + poison + "\"],\"dryRun\":true}");
        HttpApi.Response discard = api.delete(API + "/" + VALIDATOR_DLQ + "/messages/" + poison);
        HttpApi.Response again = api.delete(API + "/" + VALIDATOR_DLQ + "/messages/" + poison);

        assertThat(dryRun.body().get("plan").get("moves").get(0).get("destination").asString()).isEqualTo("discarded");
        assertThat(discard.status()).isEqualTo(200);
        assertThat(discard.body().get("done").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(count(VALIDATOR_DLQ)).isZero();

        Message notice = rabbit.receive(names.queue(NOTICE_TAP), 20_000);
        assertThat(notice).isNotNull();
        assertThat(notice.getMessageProperties().getType()).isEqualTo("DeadLetterDiscarded");
        assertThat(notice.getMessageProperties().getReceivedRoutingKey()).isEqualTo("dead-letter.discarded");
        assertThat(notice.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        JsonNode body = JSON.readTree(notice.getBody());
        assertThat(body.get("queue").asString()).isEqualTo(names.queue(VALIDATOR_DLQ));
        assertThat(body.get("messageId").asString()).isEqualTo(poison);
        assertThat(body.get("correlationId").asString()).isEqualTo(commandId.toString());
        assertThat(body.get("type").asString()).isEqualTo("TransferSliceRequested");
        assertThat(body.get("routingKey").asString()).isEqualTo("transfer-slice.requested");
        assertThat(body.get("discardedBy").asString()).isEqualTo("olivia-operator");
        assertThat(body.get("discardedAt").asString()).isNotBlank();

        JsonNode audit = api.get(API + "/audit?messageId=" + poison).body();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("operator").asString()).isEqualTo("olivia-operator");
        assertThat(audit.get(0).get("action").asString()).isEqualTo("DISCARD");
        assertThat(audit.get(0).get("queue").asString()).isEqualTo(VALIDATOR_DLQ);
        assertThat(audit.get(0).get("selection").asString()).contains(poison);
        assertThat(audit.get(0).get("done").asInt()).isEqualTo(1);
        assertThat(audit.get(0).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aBackgroundReplayIsFollowedThroughItsOperation() throws Exception {
        for (int i = 0; i < 5; i++) {
            parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        }

        HttpApi.Response started = api.post(API + "/" + VALIDATOR_DLQ + "/replay",
                "{\"all\":true,\"background\":true,\"ratePerSecond\":2}");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.location()).isEqualTo(started.body().get("self").asString());
        assertThat(started.body().get("planned").asInt()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode run = api.get(started.location()).body();
            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("done").asInt()).isEqualTo(5);
        });
        assertThat(count(VALIDATOR_QUEUE)).isEqualTo(5);
        assertThat(api.get(API + "/operations").body()).extracting(run -> run.get("operationId").asString())
                .contains(started.body().get("operationId").asString());
        assertThat(api.get(API + "/audit?queue=" + VALIDATOR_DLQ).body().get(0).get("done").asInt()).isEqualTo(5);
    }

    @Test
    void badRequestsAreProblems() {
        HttpApi.Response unknownQueue = api.get(API + "/validator.requests/messages");
        HttpApi.Response badLimit = api.get(API + "/" + VALIDATOR_DLQ + "/messages?limit=0");
        HttpApi.Response tooFast = api.post(API + "/" + VALIDATOR_DLQ + "/replay", "{\"all\":true,\"ratePerSecond\":100000}");
        HttpApi.Response unknownField = api.post(API + "/" + VALIDATOR_DLQ + "/replay", "{\"everything\":true}");
        HttpApi.Response badInstant = api.post(API + "/" + VALIDATOR_DLQ + "/discard", "{\"olderThan\":\"yesterday\"}");
        HttpApi.Response unknownOperation = api.get(API + "/operations/" + UUID.randomUUID());
        HttpApi.Response nothingSelected = api.post(API + "/" + VALIDATOR_DLQ + "/replay", "{}");

        assertThat(unknownQueue.status()).isEqualTo(404);
        assertThat(unknownQueue.body().get("detail").asString()).contains("is not a dead-letter queue");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(unknownOperation.status()).isEqualTo(404);
        for (HttpApi.Response problem : List.of(unknownQueue, badLimit, tooFast, unknownField, badInstant, unknownOperation)) {
            assertThat(problem.contentType()).startsWith("application/problem+json");
        }
        assertThat(nothingSelected.status()).isEqualTo(200);
        assertThat(nothingSelected.body().get("planned").asInt()).isZero();
    }

    @Test
    void onlyOperatorsReachTheDeadLetters() {
        HttpApi owner = new HttpApi(port, TestTokens.bearer("alice", "owner", "issuer"));
        HttpApi anonymous = new HttpApi(port, null);

        assertThat(owner.get(API).status()).isEqualTo(403);
        assertThat(owner.post(API + "/" + VALIDATOR_DLQ + "/replay", "{\"all\":true}").status()).isEqualTo(403);
        assertThat(anonymous.get(API + "/groups").status()).isEqualTo(401);
        assertThat(anonymous.get(API + "/audit").status()).isEqualTo(401);
    }

    private long count(String logicalQueue) {
        return admin.getQueueInfo(names.queue(logicalQueue)).getMessageCount();
    }

    private static JsonNode only(JsonNode queues, String name) {
        for (JsonNode queue : queues) {
            if (queue.get("queue").asString().equals(name)) {
                return queue;
            }
        }
        throw new AssertionError(name + " is not listed in " + queues);
    }
}
