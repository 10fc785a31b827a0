package org.originrelay.commandapi.reconciliations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.contracts.reconciliation.ReconciliationRequested;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Operators' reconciliations over REST, with the broker side played by the test as the connector would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class ReconciliationEndpointsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(15);

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

    private HttpApi operator;
    private String connectorQueue;

    @BeforeEach
    void listenAsTheConnector() {
        operator = new HttpApi(port, TestTokens.bearer("olga-operator", "operator"));
        TopicExchange operations = ExchangeBuilder.topicExchange(names.exchange(OperationsContract.EXCHANGE))
                .durable(true).build();
        admin.declareExchange(operations);
        connectorQueue = names.queue("command-api-test.reconciliation-requests." + UUID.randomUUID());
        Queue queue = new Queue(connectorQueue, false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(operations).with(ReconciliationContract.RECONCILIATION_REQUESTED));
    }

    @AfterEach
    void stopListening() {
        admin.deleteQueue(connectorQueue);
    }

    @Test
    void aRequestIsForwardedToTheConnectorAndItsAnswerIsShown() {
        UUID certificateId = UUID.randomUUID();

        HttpApi.Response requested = operator.post("/api/v1/reconciliations",
                "{\"certificateId\":\"" + certificateId + "\"}");

        assertThat(requested.status()).isEqualTo(202);
        String reconciliationId = requested.body().path("reconciliationId").asString();
        assertThat(requested.body().path("certificateId").asString()).isEqualTo(certificateId.toString());
        assertThat(requested.body().path("status").asString()).isEqualTo("REQUESTED");
        assertThat(requested.location()).isEqualTo("/api/v1/reconciliations/" + reconciliationId);
        Message forwarded = await().atMost(PATIENCE).until(() -> rabbit.receive(connectorQueue), m -> m != null);
        ReconciliationRequested request = JSON.readValue(forwarded.getBody(), ReconciliationRequested.class);
        assertThat(request).isEqualTo(new ReconciliationRequested(UUID.fromString(reconciliationId), certificateId,
                "olga-operator"));
        assertThat(forwarded.getMessageProperties().getCorrelationId()).isEqualTo(reconciliationId);
        assertThat(forwarded.getMessageProperties().getMessageId()).isNotBlank();
        assertThat(forwarded.getMessageProperties().<Object>getHeader(RelayHeaders.SCHEMA_VERSION)).isEqualTo(1);
        assertThat(operator.get("/api/v1/reconciliations/" + reconciliationId).body().path("status").asString())
                .isEqualTo("REQUESTED");

        answer(new ReconciliationCompleted(request.reconciliationId(), certificateId,
                ReconciliationCompleted.Outcome.REPAIRED, List.of("slice x is owned by external:abc on the registry")));

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpApi.Response shown = operator.get("/api/v1/reconciliations/" + reconciliationId);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body().path("status").asString()).isEqualTo("REPAIRED");
            assertThat(shown.body().path("differences").get(0).asString())
                    .isEqualTo("slice x is owned by external:abc on the registry");
            assertThat(shown.body().path("completedAt").asString()).isNotBlank();
        });
    }

    @Test
    void badBodiesUnknownIdsAndNonOperatorsAreRefusedAsProblems() {
        HttpApi.Response noCertificate = operator.post("/api/v1/reconciliations", "{}");
        HttpApi.Response notAUuid = operator.post("/api/v1/reconciliations", "{\"certificateId\":\"nope\"}");
        HttpApi.Response unknown = operator.get("/api/v1/reconciliations/" + UUID.randomUUID());
        HttpApi.Response anonymous = new HttpApi(port, null).post("/api/v1/reconciliations",
                "{\"certificateId\":\"" + UUID.randomUUID() + "\"}");
        HttpApi.Response owner = new HttpApi(port, TestTokens.bearer("alice", "owner")).post("/api/v1/reconciliations",
                "{\"certificateId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(List.of(noCertificate, notAUuid, unknown, anonymous, owner))
                .extracting(HttpApi.Response::status).containsExactly(400, 400, 404, 401, 403);
        assertThat(List.of(noCertificate, notAUuid, unknown, owner))
                .extracting(HttpApi.Response::contentType).allMatch(type -> type.startsWith("application/problem+json"));
    }

    private void answer(ReconciliationCompleted completed) {
        rabbit.send(names.exchange(OperationsContract.EXCHANGE), ReconciliationContract.RECONCILIATION_COMPLETED,
                MessageBuilder.withBody(JSON.writeValueAsString(completed).getBytes(StandardCharsets.UTF_8))
                        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                        .setMessageId(UUID.randomUUID().toString())
                        .setCorrelationId(completed.reconciliationId().toString())
                        .setType("ReconciliationCompleted")
                        .setHeader(RelayHeaders.SCHEMA_VERSION, 1)
                        .build());
    }
}
