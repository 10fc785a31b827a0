package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.SendTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code logging.structured.format.console=ecs} (LOGGING_STRUCTURED_FORMAT_CONSOLE) the simulator writes
 * JSON lines, and the lines of a call that sent a {@code traceparent} carry its trace id, as the services' do.
 */
class SimulatorLoggingIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACE_PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final OwnerKeys keys = OwnerKeys.fromSecret("logging-secret");
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final JsonMapper json = JsonMapper.builder().build();
    private PrintStream originalOut;
    private LoggingSystem logging;
    private RegistrySimulator registry;
    private ManagedChannel channel;

    @BeforeEach
    void startWithStructuredLogs() throws Exception {
        originalOut = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("logging.structured.format.console", "ecs")));
        logging = SimulatorLogging.initialize(environment);
        registry = RegistrySimulator.builder().registryName("log-registry").commitmentScheme(CommitmentScheme.HASH)
                .issuerKeys(RegistrySimulator.issuerKeysFrom(keys)).build().start();
        channel = ManagedChannelBuilder.forTarget(registry.target()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        registry.close();
        logging.cleanUp();
        System.setOut(originalOut);
    }

    @Test
    void theLinesOfACallWithATraceparentAreJsonWithItsTraceId() {
        registry.forceFailure(transaction -> true, "scripted for the log");
        Transaction issue = new TransactionFactory("log-registry", keys, CommitmentScheme.HASH.commitments("logging-secret"))
                .issue(UUID.randomUUID(), UUID.randomUUID(), GranularCertificateType.PRODUCTION,
                        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), "DK1", 10, "alice");
        String id = TransactionIds.of(issue);
        Metadata headers = new Metadata();
        headers.put(CallTraces.TRACE_PARENT, TRACE_PARENT);

        RegistryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .sendTransactions(SendTransactionsRequest.newBuilder().addTransactions(issue).build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> lines = jsonLines();
            JsonNode received = lineStartingWith(lines, "received transaction " + id);
            JsonNode failed = lineStartingWith(lines, "transaction " + id + " FAILED");
            for (JsonNode line : List.of(received, failed)) {
                assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
                assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
                assertThat(line.path("service").path("name").asString()).isEqualTo("registry-simulator");
                assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
            }
        });
    }

    private List<JsonNode> jsonLines() {
        return console.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{"))
                .map(json::readTree)
                .toList();
    }

    private static JsonNode lineStartingWith(List<JsonNode> lines, String message) {
        return lines.stream().filter(line -> line.path("message").asString().startsWith(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line '" + message + "…' in " + lines));
    }
}
