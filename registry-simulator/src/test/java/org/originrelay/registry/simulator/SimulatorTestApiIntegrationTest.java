package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.ProtoIds;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc.RegistryServiceBlockingStub;
import org.originrelay.registry.protocol.v1.registry.SendTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionState;

/**
 * The test API reconciliation tests lean on: streams are served byte for byte as received, a transaction
 * made elsewhere can be appended, and a payload type can be made to fail until cleared.
 */
class SimulatorTestApiIntegrationTest {

    private static final String REGISTRY = "test-api-registry";
    private static final String SECRET = "test-api-secret";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final OwnerKeys keys = OwnerKeys.fromSecret(SECRET);
    private final TransactionFactory factory =
            new TransactionFactory(REGISTRY, keys, CommitmentScheme.HASH.commitments(SECRET));

    private RegistrySimulator registry;
    private ManagedChannel channel;
    private RegistryServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        registry = RegistrySimulator.builder().registryName(REGISTRY)
                .issuerKeys(RegistrySimulator.issuerKeysFrom(keys))
                .commitmentScheme(CommitmentScheme.HASH).build().start();
        channel = ManagedChannelBuilder.forTarget(registry.target()).usePlaintext().build();
        stub = RegistryServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        registry.close();
    }

    @Test
    void aStreamServesEveryTransactionByteForByteAsSentAndAppended() {
        UUID certificate = UUID.randomUUID();
        UUID slice = UUID.randomUUID();
        Transaction issue = factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, START,
                START.plusSeconds(3600), "DK1", 10, "alice");
        send(issue);
        awaitState(issue, TransactionState.COMMITTED);
        // Another wallet holding alice's key moves the slice to a key of its own.
        Transaction foreign = new TransactionFactory(REGISTRY, keys, CommitmentScheme.HASH.commitments(SECRET))
                .transfer(certificate, slice, 10, "alice", "someone-elsewhere");
        registry.inject(foreign);
        awaitState(foreign, TransactionState.COMMITTED);

        List<Transaction> served = stub.getStreamTransactions(GetStreamTransactionsRequest.newBuilder()
                .setStreamId(ProtoIds.uuid(certificate)).build()).getTransactionsList();

        assertThat(served).extracting(Transaction::toByteString)
                .containsExactly(issue.toByteString(), foreign.toByteString());
        assertThat(registry.received()).containsExactly(issue, foreign);
    }

    @Test
    void aFailedPayloadTypeFailsUntilCleared() {
        UUID production = UUID.randomUUID();
        UUID consumption = UUID.randomUUID();
        UUID productionSlice = UUID.randomUUID();
        UUID consumptionSlice = UUID.randomUUID();
        Transaction productionIssue = factory.issue(production, productionSlice, GranularCertificateType.PRODUCTION,
                START, START.plusSeconds(3600), "DK1", 5, "alice");
        Transaction consumptionIssue = factory.issue(consumption, consumptionSlice,
                GranularCertificateType.CONSUMPTION, START, START.plusSeconds(3600), "DK1", 5, "alice");
        send(productionIssue);
        send(consumptionIssue);
        awaitState(consumptionIssue, TransactionState.COMMITTED);
        awaitState(productionIssue, TransactionState.COMMITTED);
        UUID allocation = UUID.randomUUID();
        List<Transaction> claim = factory.claimTransactions(allocation,
                new CertificateSlice(production, productionSlice, 5), new CertificateSlice(consumption, consumptionSlice, 5),
                "alice");
        registry.failPayloadType(ClaimedEvent.getDescriptor().getFullName(), "claims are off today");

        send(claim.get(0));
        awaitState(claim.get(0), TransactionState.COMMITTED);
        send(claim.get(1));
        awaitState(claim.get(1), TransactionState.COMMITTED);
        send(claim.get(2));
        awaitState(claim.get(2), TransactionState.FAILED);
        assertThat(registry.statusOf(TransactionIds.of(claim.get(2))).message()).isEqualTo("claims are off today");

        registry.clearForcedFailures();
        Transaction again = factory.claim(production, allocation, "alice");
        send(again);
        awaitState(again, TransactionState.COMMITTED);
    }

    private void send(Transaction transaction) {
        stub.sendTransactions(SendTransactionsRequest.newBuilder().addTransactions(transaction).build());
    }

    private void awaitState(Transaction transaction, TransactionState state) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.statusOf(TransactionIds.of(transaction)).state()).isEqualTo(state));
    }
}
