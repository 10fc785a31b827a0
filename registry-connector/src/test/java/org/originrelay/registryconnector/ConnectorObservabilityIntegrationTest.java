package org.originrelay.registryconnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of the connector: readiness includes the registry channel (liveness does not), the
 * registry transactions by state in Prometheus, and the trace of a validated command continued through the
 * store, the dispatcher and the registry to the outcome event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=registry-connector",
        "relay.registry.dispatch.tick=50ms",
        "relay.registry.dispatch.first-poll=100ms",
        "relay.registry.dispatch.max-poll=500ms"})
class ConnectorObservabilityIntegrationTest {

    private static final String KEY_SECRET = "connector-observability-test-secret";
    private static final String REGISTRY_NAME = "connector-observability-test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RegistrySimulator registry =
            ConnectorTestRegistry.start(REGISTRY_NAME, KEY_SECRET, Duration.ofMillis(200), CommitmentScheme.PEDERSEN);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        ConnectorTestRegistry.register(properties, registry, REGISTRY_NAME, KEY_SECRET);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @LocalServerPort
    int port;

    private CertificateEventsProbe probe;

    @BeforeEach
    void listenForOutcomes() {
        probe = new CertificateEventsProbe(rabbit, admin, names);
    }

    @AfterEach
    void stopListening() {
        probe.close();
    }

    @Test
    void theOutcomeEventContinuesTheTraceOfTheValidatedCommand() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        IssueCertificateValidated issue = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1000, "alice", "registry-dk1");
        var metadata = new EventMetadata(UUID.randomUUID(), issue.commandId(), UUID.randomUUID(),
                issue.eventType().name(), EventCatalog.SCHEMA_VERSION, Instant.now());
        Message message = CertificateEventMessages.toMessage(issue, metadata);
        message.getMessageProperties().setHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        rabbit.send(names.exchange(EventCatalog.EXCHANGE), issue.eventType().routingKey(), message);
        CertificateEventsProbe.Announced outcome = probe.awaitOutcome(issue.commandId(), Duration.ofSeconds(60));

        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-accepted");
        assertThat(String.valueOf(outcome.message().getMessageProperties().<Object>getHeader("traceparent")))
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus())
                .containsPattern("(?m)^relay_registry_transactions\\{[^}]*state=\"COMMITTED\"[^}]*} [1-9]"));
    }

    @Test
    void readinessIncludesTheRegistryChannelAndLivenessDoesNot() {
        JsonNode readiness = getJson("/actuator/health/readiness");
        JsonNode liveness = getJson("/actuator/health/liveness");

        assertThat(readiness.path("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "db", "rabbit", "registry");
        assertThat(liveness.path("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void prometheusShowsEveryTransactionStateAndTheOldestUnfinished() {
        String metrics = prometheus();

        for (String state : new String[] {"STORED", "SENDING", "SENT", "COMMITTED", "FAILED", "ABANDONED"}) {
            assertThat(metrics).contains("state=\"" + state + "\"");
        }
        assertThat(metrics).contains("relay_registry_transactions_oldest_unfinished_seconds{",
                "relay_dlq_depth_messages{", "relay_outbox_lag_seconds{", "relay_readiness_up{");
    }

    private String prometheus() {
        return get("/actuator/prometheus").body();
    }

    private JsonNode getJson(String path) {
        return JSON.readTree(get(path).body());
    }

    /** As an operator: metrics and the health components are for operators only (docs/security.md). */
    private HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", TestTokens.bearer("ops", "operator")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
