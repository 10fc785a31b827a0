package org.originrelay.validator.reservations;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.security.Roles;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.originrelay.validator.EventTraffic;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reservations are visible to operators and end: released on request or on the discard of the dead
 * letter that would have ended them, but only when registry-connector (played here by a responder on
 * its query queue, speaking the documented contract) says the registry can no longer move anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=validator",
        "relay.validator.reservations.connector-answer-timeout=2s"})
class ReservationsIntegrationTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = TestTokens.bearer("olga", Roles.OPERATOR);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "validator");
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectionFactory connections;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private final Map<UUID, RegistryCommandStatus> connectorKnows = new ConcurrentHashMap<>();
    private final AtomicBoolean connectorSilent = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private EventTraffic traffic;
    private SimpleMessageListenerContainer connector;

    @BeforeEach
    void start() {
        traffic = new EventTraffic(rabbit, admin, names);
        connector = playTheConnector();
    }

    @AfterEach
    void stop() {
        connector.stop();
        admin.deleteQueue(names.queue("registry-connector.command-status"));
        traffic.close();
    }

    @Test
    void operatorsSeeWhatACommandHoldsAndOthersDoNot() throws Exception {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = transfer(issued);

        JsonNode held = reservationOf(transfer.commandId());
        assertThat(held.path("slices").get(0).asString()).isEqualTo(issued.sliceId().toString());
        assertThat(held.path("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(held.path("stuck").asBoolean()).isFalse();
        assertThat(meters.get("relay.validator.reservations.oldest_age").gauge().value()).isGreaterThanOrEqualTo(0.0);
        assertThat(get("/api/v1/reservations", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/reservations", TestTokens.bearer("owen", Roles.OWNER)).statusCode()).isEqualTo(403);
    }

    @Test
    void aReleaseIsRefusedWhileTheRegistryMayStillMoveTheSliceAndDoneOnceNothingIsOutstanding() throws Exception {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = transfer(issued);
        connectorKnows.put(transfer.commandId(), new RegistryCommandStatus(transfer.commandId(), true, "IN_PROGRESS", 1, 1));

        HttpResponse<String> refused = release(transfer.commandId());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("may still take or decide").contains("1 stuck");
        assertThat(reservationOf(transfer.commandId())).isNotNull();

        connectorKnows.put(transfer.commandId(), new RegistryCommandStatus(transfer.commandId(), true, "REJECTED", 0, 0));
        assertThat(release(transfer.commandId()).statusCode()).isEqualTo(200);

        assertThat(heldCommands()).doesNotContain(transfer.commandId().toString());
        var next = transfer(issued);
        assertThat(heldCommands()).contains(next.commandId().toString());
    }

    @Test
    void aCommandTheConnectorHasNotReceivedIsNotReleasedByHandAndWithoutAnAnswerNothingIs() throws Exception {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = transfer(issued);

        HttpResponse<String> unknown = release(transfer.commandId());
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(unknown.body()).contains("has not received");

        connectorSilent.set(true);
        assertThat(release(transfer.commandId()).statusCode()).isEqualTo(503);
        assertThat(release(UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(heldCommands()).contains(transfer.commandId().toString());
    }

    @Test
    void discardingTheValidatedEventFromTheConnectorsDeadLetterQueueReleasesTheReservation() throws Exception {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = transfer(issued);

        discarded(MessagingNames.deadLetterQueue(names.queue("registry-connector.validated")), transfer.commandId(),
                "TransferSliceValidated", "transfer-slice.validated");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !heldCommands().contains(transfer.commandId().toString()));
    }

    @Test
    void discardingARegistryOutcomeReleasesOnlyWhenTheConnectorHasNothingOutstanding() throws Exception {
        IssueCertificateRequested issued = issuedCertificate();
        var transfer = transfer(issued);
        connectorKnows.put(transfer.commandId(), new RegistryCommandStatus(transfer.commandId(), true, "ACCEPTED", 0, 0));

        discarded(MessagingNames.deadLetterQueue(names.queue("validator.registry-outcomes")), transfer.commandId(),
                "TransferSliceRegistryAccepted", "transfer-slice.registry-accepted");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !heldCommands().contains(transfer.commandId().toString()));
    }

    private void discarded(String queue, UUID commandId, String type, String routingKey) {
        String body = JSON.writeValueAsString(Map.of("queue", queue, "messageId", UUID.randomUUID().toString(),
                "correlationId", commandId.toString(), "type", type, "routingKey", routingKey, "discardedBy", "olga",
                "discardedAt", Instant.now().toString()));
        traffic.send(names.exchange(OperationsContract.EXCHANGE), OperationsContract.DEAD_LETTER_DISCARDED,
                MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).setMessageId(UUID.randomUUID().toString())
                        .setContentType("application/json").build());
    }

    private SimpleMessageListenerContainer playTheConnector() {
        Queue queue = new Queue(names.queue("registry-connector.command-status"), false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(names.exchange(OperationsContract.EXCHANGE)))
                .with(OperationsContract.REGISTRY_COMMAND_STATUS));
        RabbitTemplate replies = new RabbitTemplate(connections);
        var container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue.getName());
        container.setMessageListener(query -> {
            if (connectorSilent.get()) {
                return;
            }
            UUID commandId = JSON.readValue(query.getBody(), RegistryCommandStatus.Query.class).commandId();
            RegistryCommandStatus status = connectorKnows.getOrDefault(commandId,
                    new RegistryCommandStatus(commandId, false, null, 0, 0));
            replies.send("", query.getMessageProperties().getReplyTo(), MessageBuilder
                    .withBody(JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8))
                    .setCorrelationId(query.getMessageProperties().getCorrelationId()).build());
        });
        container.start();
        return container;
    }

    private JsonNode reservationOf(UUID commandId) throws Exception {
        HttpResponse<String> response = get("/api/v1/reservations", OPERATOR);
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode reservation : JSON.readTree(response.body())) {
            if (reservation.path("commandId").asString().equals(commandId.toString())) {
                return reservation;
            }
        }
        throw new AssertionError("no reservation of " + commandId + " in " + response.body());
    }

    private String heldCommands() throws Exception {
        return get("/api/v1/reservations", OPERATOR).body();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> release(UUID commandId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reservations/"
                        + commandId + "/release"))
                .header("Authorization", OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private TransferSliceRequested transfer(IssueCertificateRequested issued) {
        var transfer = new TransferSliceRequested(UUID.randomUUID(), issued.certificateId(), issued.sliceId(),
                "bob", "alice");
        traffic.publish(transfer);
        assertThat(answer()).isEqualTo(transfer.validated("alice", 1000));
        return transfer;
    }

    private IssueCertificateRequested issuedCertificate() {
        var issue = new IssueCertificateRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600), 1000, "alice", "registry-dk1");
        traffic.publish(issue);
        traffic.publish(((IssueCertificateValidated) answer()).registryAccepted());
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from slice where slice_id = :id")
                .param("id", issue.sliceId()).query(Long.class).single() == 1);
        return issue;
    }

    private CertificateEvent answer() {
        CertificateEventMessages.Read answer = traffic.nextAnswer(Duration.ofSeconds(20));
        assertThat(answer).isNotNull();
        return answer.event();
    }
}
