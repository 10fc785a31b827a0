package org.originrelay.registryconnector;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wiremock.grpc.dsl.WireMockGrpc.equalToMessage;
import static org.wiremock.grpc.dsl.WireMockGrpc.message;
import static org.wiremock.grpc.dsl.WireMockGrpc.method;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsResponse;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusResponse;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.SendTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.SubmitTransactionResponse;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registryconnector.CertificateEventsProbe.Announced;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiremock.grpc.dsl.GrpcStubMappingBuilder;
import org.wiremock.grpc.dsl.WireMockGrpc;
import org.wiremock.grpc.dsl.WireMockGrpcService;

/**
 * The connector against a registry whose every answer is scripted (WireMock gRPC stubs of
 * RegistryService, one WireMock scenario per test): what it sends, in which order, and how often.
 */
@SpringBootTest(properties = {
        "spring.config.name=registry-connector",
        "relay.registry.call-deadline=2s",
        "relay.registry.dispatch.tick=50ms",
        "relay.registry.dispatch.first-poll=100ms",
        "relay.registry.dispatch.max-poll=400ms",
        "relay.registry.dispatch.lookup-backoff=50ms",
        "relay.registry.dispatch.settle-window=3s"})
class ScriptedRegistryIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Longer than the call deadline (2 s): the connector gives up waiting while the registry takes it. */
    private static final long SLOW_SEND_MS = 3000;
    private static final String SCENARIO = "registry";
    private static final WireMockServer wiremock = startedWireMock();
    private static final WireMockGrpcService registry =
            new WireMockGrpcService(new WireMock(wiremock.port()), RegistryServiceGrpc.SERVICE_NAME);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure.registerServiceProperties(properties, "registry_connector");
        properties.add("relay.registry.target", () -> "localhost:" + wiremock.port());
        properties.add("relay.registry.key-secret", () -> "scripted-registry-test-secret-0123456789");
    }

    @AfterAll
    static void stopWireMock() {
        wiremock.stop();
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    JdbcClient jdbc;

    private CertificateEventsProbe probe;

    @BeforeEach
    void freshScript() {
        wiremock.resetAll();
        probe = new CertificateEventsProbe(rabbit, admin, names);
    }

    @AfterEach
    void stopListening() {
        probe.close();
    }

    @Test
    void pendingPendingCommittedIsAcceptedAfterOneSendAndThreePolls() throws Exception {
        stub(Scenario.STARTED, method("SendTransactions").willReturn(message(SubmitTransactionResponse.getDefaultInstance())),
                "send: taken", "received");
        stub("received", status(TransactionState.PENDING, ""), "status: pending (1st)", "pending once");
        stub("pending once", status(TransactionState.PENDING, ""), "status: pending (2nd)", "pending twice");
        stub("pending twice", status(TransactionState.COMMITTED, ""), "status: committed", null);
        IssueCertificateValidated issue = anIssue();

        probe.publish(issue);
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(issue.registryAccepted());
        assertThat(callsInOrder()).containsExactly(
                "send: taken", "status: pending (1st)", "status: pending (2nd)", "status: committed");
        StoredTransaction stored = storedTransactionOf(issue.commandId());
        registry.verify(1, "SendTransactions").withRequestMessage(equalToMessage(sendRequestOf(stored)));
        registry.verify(3, "GetTransactionStatus").withRequestMessage(equalToMessage(statusRequestOf(stored)));
        assertThat(stored.state()).isEqualTo("COMMITTED");
    }

    @Test
    void failedWithAMessageIsRejectedWithThatMessage() throws Exception {
        String registryMessage = "slice 7f3c… is not owned by the signer of the transfer";
        stub(Scenario.STARTED, method("SendTransactions").willReturn(message(SubmitTransactionResponse.getDefaultInstance())),
                "send: taken", "received");
        stub("received", status(TransactionState.FAILED, registryMessage), "status: failed", null);
        IssueCertificateValidated issue = anIssue();

        probe.publish(issue);
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-rejected");
        assertThat(outcome.event()).isEqualTo(issue.registryRejected(registryMessage));
        assertThat(callsInOrder()).containsExactly("send: taken", "status: failed");
        StoredTransaction stored = storedTransactionOf(issue.commandId());
        registry.verify(1, "SendTransactions").withRequestMessage(equalToMessage(sendRequestOf(stored)));
        assertThat(stored.state()).isEqualTo("FAILED");
    }

    @Test
    void unavailableForAWhileThenUpCompletesWithTheTransactionTakenOnce() throws Exception {
        stub(Scenario.STARTED, method("SendTransactions").willReturn(WireMockGrpc.Status.UNAVAILABLE, "registry is down"),
                "send: unavailable", null);
        stub(Scenario.STARTED, method("GetTransactionStatus").willReturn(WireMockGrpc.Status.UNAVAILABLE, "registry is down"),
                "status: unavailable", null);
        stub("up", status(TransactionState.UNKNOWN, ""), "status: unknown", null);
        stub("up", emptyStream(), "stream: empty", null);
        stub("up", method("SendTransactions").willReturn(message(SubmitTransactionResponse.getDefaultInstance())),
                "send: taken", "received");
        stub("received", status(TransactionState.COMMITTED, ""), "status: committed", null);
        IssueCertificateValidated issue = anIssue();

        probe.publish(issue);
        await().atMost(PATIENCE).until(() -> callsInOrder().size() >= 5);
        assertThat(probe.anyOutcomeWithin(issue.commandId(), Duration.ofMillis(200))).isFalse();
        wiremock.setScenarioState(SCENARIO, "up");
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(issue.registryAccepted());
        List<String> calls = callsInOrder();
        int up = calls.indexOf("status: unknown");
        // The send that met the outage may have arrived; every later attempt asked first, and only UNKNOWN
        // with the stream not holding it, twice, a settle window apart, let it send again.
        assertThat(calls.subList(0, up)).startsWith("send: unavailable").containsOnlyOnce("send: unavailable")
                .containsOnly("send: unavailable", "status: unavailable");
        assertThat(calls.subList(up, calls.size())).containsExactly("status: unknown", "stream: empty",
                "status: unknown", "stream: empty", "send: taken", "status: committed");
        StoredTransaction stored = storedTransactionOf(issue.commandId());
        registry.verify(2, "SendTransactions").withRequestMessage(equalToMessage(sendRequestOf(stored)));
        assertThat(stored.state()).isEqualTo("COMMITTED");
    }

    @Test
    void aSendSlowerThanTheDeadlineThatTheRegistryReportsUnknownAndThenPendingIsSentOnce() throws Exception {
        stub(Scenario.STARTED, method("SendTransactions")
                        .willReturn(message(SubmitTransactionResponse.getDefaultInstance())).withFixedDelay(SLOW_SEND_MS),
                "send: slower than the deadline", "sent slowly");
        stub("sent slowly", status(TransactionState.UNKNOWN, ""), "status: unknown", "unknown");
        stub("unknown", emptyStream(), "stream: empty", "settling");
        stub("settling", status(TransactionState.PENDING, ""), "status: pending", "pending");
        stub("pending", status(TransactionState.COMMITTED, ""), "status: committed", null);
        IssueCertificateValidated issue = anIssue();

        probe.publish(issue);
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(issue.registryAccepted());
        assertThat(callsInOrder()).containsExactly("send: slower than the deadline", "status: unknown", "stream: empty",
                "status: pending", "status: committed");
        StoredTransaction stored = storedTransactionOf(issue.commandId());
        registry.verify(1, "SendTransactions").withRequestMessage(equalToMessage(sendRequestOf(stored)));
        assertThat(stored.state()).isEqualTo("COMMITTED");
    }

    @Test
    void failedAfterAnAmbiguousResendWithTheTransactionInItsStreamIsAccepted() throws Exception {
        stub(Scenario.STARTED, method("SendTransactions")
                        .willReturn(message(SubmitTransactionResponse.getDefaultInstance())).withFixedDelay(SLOW_SEND_MS),
                "send: slower than the deadline", "first send unanswered");
        stub("first send unanswered", status(TransactionState.UNKNOWN, ""), "status: unknown (1st)", "unknown once");
        stub("unknown once", emptyStream(), "stream: empty (1st)", "settling");
        stub("settling", status(TransactionState.UNKNOWN, ""), "status: unknown (2nd)", "unknown twice");
        stub("unknown twice", emptyStream(), "stream: empty (2nd)", "absent after settling");
        stub("absent after settling", method("SendTransactions")
                .willReturn(message(SubmitTransactionResponse.getDefaultInstance())), "send: again", "resent");
        // What the real registry answers when a committed transaction arrives a second time (its issue #199).
        stub("resent", status(TransactionState.FAILED, "transaction already processed"), "status: failed", "failed");
        stub("failed", status(TransactionState.FAILED, "transaction already processed"), "status: still failed", null);
        IssueCertificateValidated issue = anIssue();

        probe.publish(issue);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from registry_transaction where command_id = :id")
                .param("id", issue.commandId()).query(Long.class).single() == 1);
        // The ledger holds what the registry committed: the first copy, which did arrive.
        StoredTransaction stored = storedTransactionOf(issue.commandId());
        stub("failed", method("GetStreamTransactions").willReturn(message(GetStreamTransactionsResponse.newBuilder()
                .addTransactions(Transaction.parseFrom(stored.payload())))), "stream: holds it", null);
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-accepted");
        assertThat(outcome.event()).isEqualTo(issue.registryAccepted());
        assertThat(callsInOrder()).containsSubsequence("send: slower than the deadline", "status: unknown (1st)",
                "stream: empty (1st)", "status: unknown (2nd)", "stream: empty (2nd)", "send: again", "status: failed",
                "stream: holds it");
        registry.verify(2, "SendTransactions").withRequestMessage(equalToMessage(sendRequestOf(stored)));
        assertThat(storedTransactionOf(issue.commandId()).state()).isEqualTo("COMMITTED");
    }

    private static GrpcStubMappingBuilder emptyStream() {
        return method("GetStreamTransactions").willReturn(message(GetStreamTransactionsResponse.getDefaultInstance()));
    }

    private static GrpcStubMappingBuilder status(TransactionState state, String registryMessage) {
        return method("GetTransactionStatus").willReturn(message(
                GetTransactionStatusResponse.newBuilder().setStatus(state).setMessage(registryMessage)));
    }

    /** One step of the script: answered only in {@code whenState}; {@code nextState} null keeps the state. */
    private static void stub(String whenState, GrpcStubMappingBuilder answer, String name, String nextState) {
        StubMapping mapping = answer.build(RegistryServiceGrpc.SERVICE_NAME);
        mapping.setName(name);
        mapping.setScenarioName(SCENARIO);
        mapping.setRequiredScenarioState(whenState);
        mapping.setNewScenarioState(nextState);
        wiremock.addStubMapping(mapping);
    }

    /** The name of the stub that answered each registry call, oldest first. */
    private static List<String> callsInOrder() {
        return wiremock.getAllServeEvents().reversed().stream()
                .map(ScriptedRegistryIntegrationTest::answeredBy)
                .toList();
    }

    private static String answeredBy(ServeEvent call) {
        return call.getWasMatched() ? call.getStubMapping().getName() : "unscripted " + call.getRequest().getUrl();
    }

    private record StoredTransaction(String id, byte[] payload, String state) {
    }

    private StoredTransaction storedTransactionOf(UUID commandId) {
        return jdbc.sql("select transaction_id, payload, state from registry_transaction where command_id = :commandId")
                .param("commandId", commandId)
                .query((row, number) -> new StoredTransaction(row.getString("transaction_id"), row.getBytes("payload"),
                        row.getString("state")))
                .single();
    }

    private static SendTransactionsRequest sendRequestOf(StoredTransaction stored) throws InvalidProtocolBufferException {
        return SendTransactionsRequest.newBuilder().addTransactions(Transaction.parseFrom(stored.payload())).build();
    }

    private static GetTransactionStatusRequest statusRequestOf(StoredTransaction stored) {
        return GetTransactionStatusRequest.newBuilder().setId(stored.id()).build();
    }

    private static IssueCertificateValidated anIssue() {
        return new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 100, "olivia", "olivia");
    }

    private static WireMockServer startedWireMock() {
        WireMockServer server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .usingFilesUnderClasspath("wiremock")
                .extensions(new GrpcOnJetty12()));
        server.start();
        return server;
    }
}
