package org.originrelay.registryconnector;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ConnectivityState;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.ManagedChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryRejected;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryRejected;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.registryconnector.CertificateEventsProbe.Announced;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.persistence.CommandStore;
import org.originrelay.registryconnector.persistence.DeliveryState;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore;
import org.originrelay.registryconnector.registry.RegistryClient;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=registry-connector",
        "relay.registry.call-deadline=2s",
        "relay.registry.dispatch.tick=50ms",
        "relay.registry.dispatch.first-poll=100ms",
        "relay.registry.dispatch.max-poll=500ms",
        // The sweep runs when a test asks for it (below), not on its own in the middle of other tests.
        "relay.registry.reconciliation.sweep-quiet-period=1h"})
class RegistryConnectorIntegrationTest {

    private static final String KEY_SECRET = "registry-connector-test-secret-0123456789";
    private static final String REGISTRY_NAME = "registry-connector-test";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
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
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CommandStore commandStore;
    @Autowired
    TransactionStore transactionStore;
    @Autowired
    TransactionFactory transactionFactory;
    @Autowired
    RegistryClient registryClient;
    @Autowired
    ManagedChannel registryChannel;
    @Autowired
    ReconciliationStore reconciliationStore;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private CertificateEventsProbe probe;

    @BeforeEach
    void listenForOutcomes() {
        probe = new CertificateEventsProbe(rabbit, admin, names);
    }

    @AfterEach
    void stopListening() {
        registry.setUnavailable(false);
        registry.clearForcedFailures();
        probe.close();
    }

    @Test
    void anIssueAndThenATransferAreEachSentOnceAndAcceptedWithTheValidatedMessageAsCause() {
        IssueCertificateValidated issue = anIssue("alice", 1000);
        UUID issueMessageId = probe.publish(issue);

        Announced issued = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(issued.routingKey()).isEqualTo("issue-certificate.registry-accepted");
        assertThat(issued.event()).isEqualTo(issue.registryAccepted()).isInstanceOf(IssueCertificateRegistryAccepted.class);
        assertThat(issued.message().getMessageProperties().<Object>getHeader(RelayHeaders.CAUSATION_ID))
                .isEqualTo(issueMessageId.toString());

        TransferSliceValidated transfer = new TransferSliceValidated(UUID.randomUUID(), issue.certificateId(),
                issue.sliceId(), "bob", "alice", 1000, "alice");
        probe.publish(transfer);

        Announced transferred = probe.awaitOutcome(transfer.commandId(), PATIENCE);

        assertThat(transferred.routingKey()).isEqualTo("transfer-slice.registry-accepted");
        assertThat(transferred.event()).isEqualTo(transfer.registryAccepted())
                .isInstanceOf(TransferSliceRegistryAccepted.class);
        assertEachSentOnceAndCommitted(issue.commandId(), 1);
        assertEachSentOnceAndCommitted(transfer.commandId(), 1);
    }

    @Test
    void aTransferSignedBySomeoneWhoDoesNotOwnTheSliceIsRejectedWithTheRegistrysReason() {
        IssueCertificateValidated issue = anIssue("alice", 500);
        probe.publish(issue);
        probe.awaitOutcome(issue.commandId(), PATIENCE);

        TransferSliceValidated stolen = new TransferSliceValidated(UUID.randomUUID(), issue.certificateId(),
                issue.sliceId(), "mallory", "mallory", 500, "mallory");
        probe.publish(stolen);

        Announced outcome = probe.awaitOutcome(stolen.commandId(), PATIENCE);

        assertThat(outcome.routingKey()).isEqualTo("transfer-slice.registry-rejected");
        String registryMessage = registry.statusOf(storedTransactionIds(stolen.commandId()).getFirst()).message();
        assertThat(registryMessage).isNotBlank();
        assertThat(outcome.event()).isEqualTo(stolen.registryRejected(registryMessage))
                .isInstanceOf(TransferSliceRegistryRejected.class);
        assertThat(registry.receiveCount(storedTransactionIds(stolen.commandId()).getFirst())).isEqualTo(1);
    }

    @Test
    void whileTheRegistryIsUnavailableTheCommandWaitsAndThenCompletesWithEachTransactionSentOnce() {
        registry.setUnavailable(true);
        IssueCertificateValidated issue = anIssue("carol", 300);
        probe.publish(issue);

        await().atMost(PATIENCE).until(() -> failedAttemptsOf(issue.commandId()) >= 2);
        assertThat(probe.anyOutcomeWithin(issue.commandId(), Duration.ofMillis(300))).isFalse();
        registry.setUnavailable(false);

        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-accepted");
        assertEachSentOnceAndCommitted(issue.commandId(), 1);
    }

    @Test
    void theSameValidatedCommandDeliveredAgainGivesOneTransactionAndOneOutcome() {
        IssueCertificateValidated issue = anIssue("dave", 200);
        UUID messageId = probe.publish(issue);
        probe.publish(issue, messageId);
        probe.publish(issue);

        probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertEachSentOnceAndCommitted(issue.commandId(), 1);
        assertThat(probe.anyOutcomeWithin(issue.commandId(), Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void aSliceIsAccepted() {
        IssueCertificateValidated issue = anIssue("erin", 100);
        probe.publish(issue);
        probe.awaitOutcome(issue.commandId(), PATIENCE);

        SliceCertificateValidated slice = new SliceCertificateValidated(UUID.randomUUID(), issue.certificateId(),
                issue.sliceId(), List.of(40L, 60L), List.of(UUID.randomUUID(), UUID.randomUUID()), "erin", 100, "erin");
        probe.publish(slice);

        Announced outcome = probe.awaitOutcome(slice.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(slice.registryAccepted()).isInstanceOf(SliceCertificateRegistryAccepted.class);
        assertEachSentOnceAndCommitted(slice.commandId(), 1);
    }

    @Test
    void aClaimSendsItsFourTransactionsInOrderAndIsAccepted() {
        IssueCertificateValidated production = anIssue("frank", 250);
        IssueCertificateValidated consumption = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.CONSUMPTION, "DK1", production.start(), production.end(), 250,
                "frank", "frank");
        probe.publish(production);
        probe.publish(consumption);
        probe.awaitOutcome(production.commandId(), PATIENCE);
        probe.awaitOutcome(consumption.commandId(), PATIENCE);

        ClaimValidated claim = new ClaimValidated(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(),
                production.sliceId(), consumption.certificateId(), consumption.sliceId(), "frank", 250, "frank");
        probe.publish(claim);

        Announced outcome = probe.awaitOutcome(claim.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(claim.registryAccepted()).isInstanceOf(ClaimRegistryAccepted.class);
        assertEachSentOnceAndCommitted(claim.commandId(), 4);
        List<SendWindow> windows = jdbc.sql("""
                select sent_at, finished_at from registry_transaction where command_id = :commandId order by position""")
                .param("commandId", claim.commandId())
                .query((row, number) -> new SendWindow(row.getObject("sent_at", OffsetDateTime.class),
                        row.getObject("finished_at", OffsetDateTime.class)))
                .list();
        for (int next = 1; next < windows.size(); next++) {
            assertThat(windows.get(next).sentAt()).as("transaction %d sent after %d committed", next, next - 1)
                    .isAfterOrEqualTo(windows.get(next - 1).finishedAt());
        }
    }

    @Test
    void whenATransactionOfAClaimFailsTheClaimIsRejectedAndTheRestIsNeverSent() {
        IssueCertificateValidated production = anIssue("jack", 90);
        IssueCertificateValidated consumption = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.CONSUMPTION, "DK1", production.start(), production.end(), 90,
                "jack", "jack");
        probe.publish(production);
        probe.publish(consumption);
        probe.awaitOutcome(production.commandId(), PATIENCE);
        probe.awaitOutcome(consumption.commandId(), PATIENCE);
        registry.forceFailure(transaction -> transaction.getHeader().getFederatedStreamId().getStreamId().getValue()
                .equals(consumption.certificateId().toString()), "consumption stream is frozen");

        ClaimValidated claim = new ClaimValidated(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(),
                production.sliceId(), consumption.certificateId(), consumption.sliceId(), "jack", 90, "jack");
        probe.publish(claim);

        Announced outcome = probe.awaitOutcome(claim.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(claim.registryRejected("the registry committed the allocation on the"
                + " production slice but failed the allocation on the consumption slice: consumption stream is frozen"));
        List<String> ids = storedTransactionIds(claim.commandId());
        assertThat(ids).extracting(registry::receiveCount).containsExactly(1L, 1L, 0L, 0L);
        assertThat(jdbc.sql("select state from registry_transaction where command_id = :commandId order by position")
                .param("commandId", claim.commandId()).query(String.class).list())
                .containsExactly("COMMITTED", "FAILED", "ABANDONED", "ABANDONED");
    }

    @Test
    void aTransferMadeElsewhereIsFoundOnRequestAndAnnouncedWithItsExternalOwnerThenTheCertificateIsInAgreement() {
        IssueCertificateValidated issue = anIssue("liam", 400);
        probe.publish(issue);
        probe.awaitOutcome(issue.commandId(), PATIENCE);
        ByteString foreignKey = OwnerKeys.fromSecret("another-wallet").ownerPublicKey("someone").getContent();
        Transaction foreign = ForeignTransactions.transfer(transactionFactory, OwnerKeys.fromSecret(KEY_SECRET),
                issue.certificateId(), issue.sliceId(), 400, "liam", foreignKey);
        registry.inject(foreign);
        await().atMost(PATIENCE).until(() -> registry.statusOf(TransactionIds.of(foreign)).state()
                == TransactionState.COMMITTED);

        try (var reconciliations = new ReconciliationProbe(rabbit, admin, names)) {
            UUID reconciliationId = UUID.randomUUID();
            UUID requestMessageId = reconciliations.request(reconciliationId, issue.certificateId());

            ReconciliationCompleted repaired = reconciliations.awaitCompleted(reconciliationId, PATIENCE);
            var reconciled = reconciliations.reconciled(issue.certificateId(), PATIENCE).orElseThrow();

            String external = "external:" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(foreignKey.toByteArray());
            assertThat(repaired.outcome()).isEqualTo(ReconciliationCompleted.Outcome.REPAIRED);
            assertThat(repaired.differences()).containsExactly("slice " + issue.sliceId() + " is owned by "
                    + external + " on the registry, not by liam");
            CertificateReconciled event = reconciled.event();
            assertThat(event.reconciliationId()).isEqualTo(reconciliationId);
            assertThat(event.trigger()).isEqualTo("operator");
            assertThat(event.registryTransactions()).isEqualTo(2);
            assertThat(event.type()).isEqualTo(CertificateType.PRODUCTION);
            assertThat(event.start()).isEqualTo(issue.start());
            assertThat(event.quantity()).isEqualTo(400L);
            assertThat(event.slices()).singleElement().satisfies(slice -> {
                assertThat(slice.sliceId()).isEqualTo(issue.sliceId());
                assertThat(slice.owner()).isEqualTo(external);
                assertThat(slice.quantity()).isEqualTo(400L);
                assertThat(slice.quantityKnown()).isTrue();
                assertThat(slice.state()).isEqualTo(SliceState.AVAILABLE);
            });
            var properties = reconciled.message().getMessageProperties();
            assertThat(properties.getType()).isEqualTo("CertificateReconciled");
            assertThat(properties.getCorrelationId()).isEqualTo(reconciliationId.toString());
            assertThat(properties.getMessageId()).isNotBlank();
            assertThat(properties.<Object>getHeader(RelayHeaders.CAUSATION_ID)).isEqualTo(requestMessageId.toString());
            assertThat(properties.<Object>getHeader(RelayHeaders.SCHEMA_VERSION)).isEqualTo(1);

            UUID again = UUID.randomUUID();
            reconciliations.request(again, issue.certificateId());

            assertThat(reconciliations.awaitCompleted(again, PATIENCE).outcome())
                    .isEqualTo(ReconciliationCompleted.Outcome.IN_AGREEMENT);
            assertThat(reconciliations.reconciled(issue.certificateId(), Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void theSweepReconcilesTouchedCertificatesAndAnnouncesAChangeMadeElsewhere() {
        IssueCertificateValidated issue = anIssue("nora", 120);
        probe.publish(issue);
        probe.awaitOutcome(issue.commandId(), PATIENCE);
        ByteString foreignKey = OwnerKeys.fromSecret("yet-another-wallet").ownerPublicKey("x").getContent();
        Transaction foreign = ForeignTransactions.transfer(transactionFactory, OwnerKeys.fromSecret(KEY_SECRET),
                issue.certificateId(), issue.sliceId(), 120, "nora", foreignKey);
        registry.inject(foreign);
        await().atMost(PATIENCE).until(() -> registry.statusOf(TransactionIds.of(foreign)).state()
                == TransactionState.COMMITTED);

        try (var reconciliations = new ReconciliationProbe(rabbit, admin, names)) {
            Integer scheduled = transactions.execute(status -> reconciliationStore.scheduleSweep(1000, Duration.ZERO));

            var reconciled = reconciliations.reconciled(issue.certificateId(), Duration.ofSeconds(60)).orElseThrow();

            assertThat(scheduled).isPositive();
            assertThat(reconciled.event().trigger()).isEqualTo("sweep");
            assertThat(reconciled.event().slices()).singleElement()
                    .satisfies(slice -> assertThat(slice.owner()).startsWith("external:"));
            assertThat(reconciled.message().getMessageProperties().<Object>getHeader(RelayHeaders.CAUSATION_ID))
                    .isEqualTo(reconciled.event().reconciliationId().toString());
            assertThat(meters.counter("relay.registry.reconciliation.streams_read", "started_by", "sweep").count())
                    .isPositive();
            assertThat(meters.counter("relay.registry.reconciliation.repairs").count()).isPositive();
        }
    }

    @Test
    void aClaimStoppedAfterItsAllocationsSaysSoAndIsReconciledAndANewClaimSendsOnlyTheMissingClaims() {
        IssueCertificateValidated production = anIssue("kim", 70);
        IssueCertificateValidated consumption = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.CONSUMPTION, "DK1", production.start(), production.end(), 70,
                "kim", "kim");
        probe.publish(production);
        probe.publish(consumption);
        probe.awaitOutcome(production.commandId(), PATIENCE);
        probe.awaitOutcome(consumption.commandId(), PATIENCE);
        registry.failPayloadType(ClaimedEvent.getDescriptor().getFullName(), "claims are refused today");

        ClaimValidated claim = new ClaimValidated(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(),
                production.sliceId(), consumption.certificateId(), consumption.sliceId(), "kim", 70, "kim");
        try (var reconciliations = new ReconciliationProbe(rabbit, admin, names)) {
            probe.publish(claim);

            Announced rejected = probe.awaitOutcome(claim.commandId(), PATIENCE);

            assertThat(rejected.event()).isEqualTo(claim.registryRejected("the registry committed the allocation on"
                    + " the production slice and the allocation on the consumption slice but failed the claim of the"
                    + " production slice: claims are refused today"));
            for (IssueCertificateValidated issue : List.of(production, consumption)) {
                CertificateReconciled event = reconciliations.reconciled(issue.certificateId(), PATIENCE).orElseThrow()
                        .event();
                assertThat(event.trigger()).isEqualTo("command");
                assertThat(event.slices()).singleElement().satisfies(slice -> {
                    assertThat(slice.sliceId()).isEqualTo(issue.sliceId());
                    assertThat(slice.owner()).isEqualTo("kim");
                    assertThat(slice.state()).isEqualTo(SliceState.ALLOCATED);
                    assertThat(slice.allocationId()).isEqualTo(claim.claimId());
                });
            }
        }
        registry.clearForcedFailures();
        int receivedBefore = registry.received().size();

        ClaimValidated again = new ClaimValidated(UUID.randomUUID(), UUID.randomUUID(), production.certificateId(),
                production.sliceId(), consumption.certificateId(), consumption.sliceId(), "kim", 70, "kim");
        probe.publish(again);

        assertThat(probe.awaitOutcome(again.commandId(), PATIENCE).event()).isEqualTo(again.registryAccepted());
        // Other tests' leftovers (e.g. a transaction settling after an outage) may reach the registry meanwhile.
        Set<String> claimStreams = Set.of(production.certificateId().toString(), consumption.certificateId().toString());
        List<Transaction> sent = registry.received().subList(receivedBefore, registry.received().size()).stream()
                .filter(t -> claimStreams.contains(t.getHeader().getFederatedStreamId().getStreamId().getValue()))
                .toList();
        assertThat(sent).extracting(TransactionIds::of).containsExactlyElementsOf(storedTransactionIds(again.commandId()));
        assertThat(sent).extracting(transaction -> transaction.getHeader().getPayloadType())
                .containsOnly(ClaimedEvent.getDescriptor().getFullName()).hasSize(2);
        assertThat(sent).extracting(transaction -> {
            try {
                return ClaimedEvent.parseFrom(transaction.getPayload()).getAllocationId().getValue();
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).containsOnly(claim.claimId().toString());
    }

    @Test
    void aCommandThatCannotBeBuiltIsRejectedWithoutAnyCallToTheRegistry() {
        Instant instant = Instant.parse("2026-11-01T00:00:00Z");
        IssueCertificateValidated emptyPeriod = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", instant, instant, 10, "gina", "gina");
        long receivedBefore = registry.totalReceived();
        probe.publish(emptyPeriod);

        Announced outcome = probe.awaitOutcome(emptyPeriod.commandId(), PATIENCE);

        assertThat(outcome.event()).isInstanceOf(IssueCertificateRegistryRejected.class);
        assertThat(((IssueCertificateRegistryRejected) outcome.event()).reason())
                .startsWith("cannot build the registry transaction");
        assertThat(storedTransactionIds(emptyPeriod.commandId())).isEmpty();
        assertThat(registry.totalReceived()).isEqualTo(receivedBefore);
    }

    @Test
    void aTransactionLeftInSendingThatHadReachedTheRegistryIsNotSentAgain() {
        IssueCertificateValidated issue = anIssue("hank", 70);
        Transaction transaction = buildIssue(issue);
        String id = TransactionIds.of(transaction);
        // The test's own send must not meet a channel still connecting (its deadline would expire first).
        await().atMost(PATIENCE).until(() -> registryChannel.getState(true) == ConnectivityState.READY);
        registryClient.send(transaction.toByteArray()).join();

        storeAsIfCrashedWhileSending(issue, transaction);

        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);
        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-accepted");
        assertThat(registry.receiveCount(id)).isEqualTo(1);
        assertThat(registry.statusOf(id).state()).isEqualTo(TransactionState.COMMITTED);
    }

    @Test
    void aTransactionLeftInSendingThatNeverReachedTheRegistryIsSentOnce() {
        IssueCertificateValidated issue = anIssue("ivy", 80);
        Transaction transaction = buildIssue(issue);

        storeAsIfCrashedWhileSending(issue, transaction);

        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);
        assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-accepted");
        assertThat(registry.receiveCount(TransactionIds.of(transaction))).isEqualTo(1);
    }

    @Test
    void theSendFenceRecordsAnAttemptOnlyForTheLeaseHolderWhileTheLeaseLasts() {
        IssueCertificateValidated issue = anIssue("jack", 5);
        Transaction first = buildIssue(issue);
        Transaction second = buildIssue(issue);
        String secondId = TransactionIds.of(second);
        UUID leaseToken = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            commandStore.insert(issue, EventMetadata.forEvent(issue, null));
            // The first transaction is not due for an hour, so the dispatcher leaves the second one alone.
            transactionStore.store(issue.commandId(), 0, TransactionIds.of(first), first.toByteArray(), Duration.ofMillis(100));
            jdbc.sql("update registry_transaction set next_attempt_at = now() + interval '1 hour' where command_id = :c"
                    + " and position = 0").param("c", issue.commandId()).update();
            transactionStore.store(issue.commandId(), 1, secondId, second.toByteArray(), Duration.ofMillis(100));
            jdbc.sql("update registry_transaction set state = 'SENDING', lease_token = :token,"
                    + " next_attempt_at = now() + interval '1 minute' where transaction_id = :id")
                    .param("token", leaseToken).param("id", secondId).update();
        });
        var holder = new ClaimedTransaction(secondId, issue.commandId(), 1,
                second.toByteArray(), DeliveryState.SENDING, leaseToken,
                Duration.ofMillis(100), null, false, 0, 0, null, false);
        var someoneElse = new ClaimedTransaction(secondId,
                issue.commandId(), 1, second.toByteArray(),
                DeliveryState.SENDING, UUID.randomUUID(),
                Duration.ofMillis(100), null, false, 0, 0, null, false);

        assertThat(transactionStore.recordSendAttempt(someoneElse, Duration.ofMinutes(1))).isFalse();
        assertThat(transactionStore.recordSendAttempt(holder, Duration.ofMinutes(1))).isTrue();
        jdbc.sql("update registry_transaction set next_attempt_at = now() - interval '1 second' where transaction_id = :id")
                .param("id", secondId).update();
        // The lease has expired (nobody has claimed it again yet): a step still holding the token may not send.
        assertThat(transactionStore.recordSendAttempt(holder, Duration.ofMinutes(1))).isFalse();
        assertThat(jdbc.sql("select send_attempts from registry_transaction where transaction_id = :id")
                .param("id", secondId).query(Integer.class).single()).isEqualTo(1);
        assertThat(registry.receiveCount(secondId)).isZero();
    }

    @Test
    void operatorsToolsLearnOverTheBrokerWhatOfACommandIsStillOnItsWayToTheRegistry() {
        IssueCertificateValidated done = anIssue("kate", 15);
        probe.publish(done);
        assertThat(probe.awaitOutcome(done.commandId(), PATIENCE).routingKey())
                .isEqualTo("issue-certificate.registry-accepted");
        IssueCertificateValidated waiting = anIssue("liam", 16);
        registry.setUnavailable(true);
        probe.publish(waiting);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from registry_transaction where command_id = :c")
                .param("c", waiting.commandId()).query(Long.class).single() == 1);

        assertThat(askConnector(done.commandId())).isEqualTo(new RegistryCommandStatus(done.commandId(), true,
                "ACCEPTED", 0, 0));
        assertThat(askConnector(waiting.commandId())).isEqualTo(new RegistryCommandStatus(waiting.commandId(), true,
                "IN_PROGRESS", 1, 0));
        UUID unknown = UUID.randomUUID();
        assertThat(askConnector(unknown)).isEqualTo(new RegistryCommandStatus(unknown, false, null, 0, 0));
    }

    private RegistryCommandStatus askConnector(UUID commandId) {
        var json = JsonMapper.builder().build();
        RabbitTemplate asking = new RabbitTemplate(rabbit.getConnectionFactory());
        asking.setReplyTimeout(10_000);
        var answer = asking.sendAndReceive(names.exchange(OperationsContract.EXCHANGE),
                OperationsContract.REGISTRY_COMMAND_STATUS, MessageBuilder
                        .withBody(json.writeValueAsBytes(new RegistryCommandStatus.Query(commandId))).build());
        assertThat(answer).as("registry-connector's answer").isNotNull();
        return json.readValue(answer.getBody(), RegistryCommandStatus.class);
    }

    @Test
    void healthShowsTheRegistryChannelToOperators() throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> health = health(TestTokens.bearer("ops", "operator"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"registry\"").contains("\"channel\":\"READY\"")
                    .contains(registry.target());
        });
        HttpResponse<String> anonymous = health(null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("registry");
        assertThat(health(TestTokens.bearer("alice", "owner")).body()).doesNotContain("registry");
    }

    @Test
    void actuatorBeyondHealthIsForOperators() throws Exception {
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", TestTokens.bearer("alice", "owner")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", TestTokens.bearer("ops", "operator")).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/registry", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> health(String authorization) throws Exception {
        return get("/actuator/health", authorization);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record SendWindow(OffsetDateTime sentAt, OffsetDateTime finishedAt) {
    }

    private void assertEachSentOnceAndCommitted(UUID commandId, int expectedTransactions) {
        List<String> ids = storedTransactionIds(commandId);
        assertThat(ids).hasSize(expectedTransactions);
        for (String id : ids) {
            assertThat(registry.receiveCount(id)).as("receipts of %s", id).isEqualTo(1);
            assertThat(registry.statusOf(id).state()).isEqualTo(TransactionState.COMMITTED);
        }
    }

    private List<String> storedTransactionIds(UUID commandId) {
        return jdbc.sql("select transaction_id from registry_transaction where command_id = :commandId order by position")
                .param("commandId", commandId)
                .query(String.class).list();
    }

    private int failedAttemptsOf(UUID commandId) {
        return jdbc.sql("select coalesce(max(failed_attempts), 0) from registry_transaction where command_id = :commandId")
                .param("commandId", commandId)
                .query(Integer.class).single();
    }

    private Transaction buildIssue(IssueCertificateValidated issue) {
        return transactionFactory.issue(issue.certificateId(), issue.sliceId(), GranularCertificateType.PRODUCTION,
                issue.start(), issue.end(), issue.gridArea(), issue.quantity(), issue.owner());
    }

    /**
     * What a crash between "send attempt recorded" (the fence, committed right before the call) and
     * "recorded the send's result" leaves behind.
     */
    private void storeAsIfCrashedWhileSending(IssueCertificateValidated issue, Transaction transaction) {
        String id = TransactionIds.of(transaction);
        transactions.executeWithoutResult(status -> {
            commandStore.insert(issue, EventMetadata.forEvent(issue, null));
            transactionStore.store(issue.commandId(), 0, id, transaction.toByteArray(), Duration.ofMillis(100));
            jdbc.sql("update registry_transaction set state = 'SENDING', send_attempts = 1 where transaction_id = :id")
                    .param("id", id).update();
        });
    }

    private static IssueCertificateValidated anIssue(String owner, long quantity) {
        return new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), quantity, owner, owner);
    }

}
