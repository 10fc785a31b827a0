package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.ProtoIds;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusRequest;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusResponse;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc.RegistryServiceBlockingStub;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.SendTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;
import org.originrelay.registry.protocol.v1.registry.TransactionState;

/** The simulator over real gRPC on an ephemeral port, driven by transactions from the protocol's factory. */
class RegistrySimulatorIntegrationTest {

    private static final String REGISTRY = "test-registry";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T01:00:00Z");

    private final OwnerKeys keys = OwnerKeys.fromSecret("integration-secret");
    private final TransactionFactory factory =
            new TransactionFactory(REGISTRY, keys, CommitmentScheme.PEDERSEN.commitments("integration-secret"));
    private final UUID certificate = UUID.randomUUID();
    private final UUID slice = UUID.randomUUID();

    private RegistrySimulator registry;
    private ManagedChannel channel;
    private RegistryServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        registry = startRegistry(Duration.ZERO);
        channel = ManagedChannelBuilder.forTarget(registry.target()).usePlaintext().build();
        stub = RegistryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        registry.close();
    }

    @Test
    void issueThenTransferCommitsBothAndTheStreamListsThemInOrder() {
        Transaction issue = issue("alice", 1000);
        send(issue);
        awaitState(issue, TransactionState.COMMITTED);

        Transaction transfer = factory.transfer(certificate, slice, 1000, "alice", "bob");
        send(transfer);
        awaitState(transfer, TransactionState.COMMITTED);

        var stream = stub.getStreamTransactions(GetStreamTransactionsRequest.newBuilder()
                .setStreamId(ProtoIds.uuid(certificate)).build());
        assertThat(stream.getTransactionsList()).containsExactly(issue, transfer);
        // The slice keeps its hash and now belongs to bob: bob can pass it on, alice no longer can.
        Transaction byAlice = factory.transfer(certificate, slice, 1000, "alice", "carol");
        Transaction byBob = factory.transfer(certificate, slice, 1000, "bob", "carol");
        send(byAlice, byBob);
        assertThat(awaitFinal(byAlice)).isEqualTo(failed("Invalid signature for slice"));
        assertThat(awaitFinal(byBob).getStatus()).isEqualTo(TransactionState.COMMITTED);
    }

    @Test
    void transactionsOfOneBatchAreAppliedInReceiptOrder() {
        Transaction issue = issue("alice", 1000);
        Transaction transfer = factory.transfer(certificate, slice, 1000, "alice", "bob");

        send(issue, transfer);

        assertThat(awaitFinal(transfer).getStatus()).isEqualTo(TransactionState.COMMITTED);
        assertThat(status(issue).getStatus()).isEqualTo(TransactionState.COMMITTED);
    }

    @Test
    void anIssuanceNotSignedByTheGridAreasIssuerFails() {
        TransactionFactory impostor =
                new TransactionFactory(REGISTRY, OwnerKeys.fromSecret("other-secret"),
                        CommitmentScheme.PEDERSEN.commitments("x"));
        Transaction issue = impostor.issue(certificate, slice, GranularCertificateType.PRODUCTION, START, END, "DK1",
                1000, "alice");

        send(issue);

        assertThat(awaitFinal(issue)).isEqualTo(failed("Invalid issuer signature for GridArea ”DK1”"));
    }

    @Test
    void aTransferSignedByAnyoneButTheOwnerFails() {
        commit(issue("alice", 1000));
        Transaction transfer = factory.transfer(certificate, slice, 1000, "mallory", "mallory");

        send(transfer);

        assertThat(awaitFinal(transfer)).isEqualTo(failed("Invalid signature for slice"));
    }

    @Test
    void aTransferOfAnUnknownSliceFails() {
        commit(issue("alice", 1000));
        Transaction transfer = factory.transfer(certificate, slice, 999, "alice", "bob");

        send(transfer);

        assertThat(awaitFinal(transfer)).isEqualTo(failed("Slice not found"));
    }

    @Test
    void aTransferOnAStreamThatWasNeverIssuedFails() {
        Transaction transfer = factory.transfer(certificate, slice, 1000, "alice", "bob");

        send(transfer);

        assertThat(awaitFinal(transfer)).isEqualTo(failed("Certificate does not exist"));
    }

    @Test
    void resendingACommittedTransactionFlipsItToFailedLikeTheRealRegistry() {
        Transaction issue = issue("alice", 1000);
        commit(issue);

        send(issue);

        assertThat(status(issue)).isEqualTo(failed("transaction already committed (resubmitted)"));
        assertThat(registry.receiveCount(TransactionIds.of(issue))).isEqualTo(2);
        assertThat(registry.totalReceived()).isEqualTo(2);
    }

    @Test
    void slicingThatConservesTheQuantityCommitsAndSpendsTheSource() {
        commit(issue("alice", 1000));
        UUID kept = UUID.randomUUID();
        Transaction slicing = factory.slice(certificate, slice, 1000, "alice",
                List.of(new NewSlice(kept, 400), new NewSlice(UUID.randomUUID(), 600)));

        commit(slicing);

        Transaction spentSource = factory.transfer(certificate, slice, 1000, "alice", "bob");
        Transaction newSlice = factory.transfer(certificate, kept, 400, "alice", "bob");
        send(spentSource, newSlice);
        assertThat(awaitFinal(spentSource)).isEqualTo(failed("Slice not found"));
        assertThat(awaitFinal(newSlice).getStatus()).isEqualTo(TransactionState.COMMITTED);
    }

    @Test
    void slicingThatDoesNotConserveTheQuantityFails() {
        commit(issue("alice", 1000));
        Transaction slicing = factory.slice(certificate, slice, 1000, "alice",
                List.of(new NewSlice(UUID.randomUUID(), 400), new NewSlice(UUID.randomUUID(), 700)));

        send(slicing);

        assertThat(awaitFinal(slicing)).isEqualTo(failed("Invalid sum proof"));
    }

    @Test
    void aClaimAllocatesAndClaimsOnBothStreamsOnce() {
        UUID consumptionCertificate = UUID.randomUUID();
        UUID consumptionSlice = UUID.randomUUID();
        commit(issue("alice", 1000));
        commit(factory.issue(consumptionCertificate, consumptionSlice, GranularCertificateType.CONSUMPTION, START,
                END, "DK1", 1000, "alice"));
        CertificateSlice production = new CertificateSlice(certificate, slice, 1000);
        CertificateSlice consumption = new CertificateSlice(consumptionCertificate, consumptionSlice, 1000);

        List<Transaction> claim = factory.claimTransactions(UUID.randomUUID(), production, consumption, "alice");
        send(claim.toArray(Transaction[]::new));

        assertThat(claim).allSatisfy(tx -> assertThat(awaitFinal(tx).getStatus()).isEqualTo(TransactionState.COMMITTED));
        Transaction again = factory.claimTransactions(UUID.randomUUID(), production, consumption, "alice").getFirst();
        send(again);
        assertThat(awaitFinal(again)).isEqualTo(failed("Certificate slice does not exist"));
    }

    @Test
    void unavailableModeAnswersEveryCallWithUnavailableAndReceivesNothing() {
        Transaction issue = issue("alice", 1000);
        registry.setUnavailable(true);

        assertThatThrownBy(() -> send(issue)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThatThrownBy(() -> status(issue)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(registry.totalReceived()).isZero();

        registry.setUnavailable(false);
        send(issue);
        assertThat(awaitFinal(issue).getStatus()).isEqualTo(TransactionState.COMMITTED);
    }

    @Test
    void scriptedFailuresFailMatchingTransactionsWithTheirMessage() {
        registry.forceFailure(tx -> tx.getHeader().getPayloadType().endsWith("IssuedEvent"), "scripted outage");
        Transaction issue = issue("alice", 1000);

        send(issue);

        assertThat(awaitFinal(issue)).isEqualTo(failed("scripted outage"));
        registry.clearForcedFailures();
        Transaction retry = issue("alice", 1000);
        send(retry);
        assertThat(awaitFinal(retry).getStatus()).isEqualTo(TransactionState.COMMITTED);
    }

    @Test
    void anInjectedIssuanceWithAForgedRangeProofFailsWithTheRealVerifiersMessage() throws Exception {
        Transaction issue = issue("alice", 1000);
        IssuedEvent event = IssuedEvent.parseFrom(issue.getPayload());
        byte[] proof = event.getQuantityCommitment().getRangeProof().toByteArray();
        proof[proof.length - 1] ^= 1;
        byte[] payload = event.toBuilder().setQuantityCommitment(
                event.getQuantityCommitment().toBuilder().setRangeProof(ByteString.copyFrom(proof))).build().toByteArray();
        TransactionHeader header = issue.getHeader().toBuilder()
                .setPayloadSha512(ByteString.copyFrom(Digests.sha512(payload))).build();
        Transaction forged = Transaction.newBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(keys.signAsIssuer("DK1", header.toByteArray())))
                .setPayload(ByteString.copyFrom(payload))
                .build();

        String id = registry.inject(forged);

        assertThat(id).isEqualTo(TransactionIds.of(forged));
        assertThat(awaitFinal(forged)).isEqualTo(failed("Invalid range proof for Quantity commitment"));
    }

    @Test
    void anInjectedTransactionWithAWrongSignatureFails() {
        commit(issue("alice", 1000));
        Transaction transfer = factory.transfer(certificate, slice, 1000, "alice", "bob");
        Transaction wrongSignature = transfer.toBuilder()
                .setHeaderSignature(ByteString.copyFrom(keys.signAsOwner("mallory", transfer.getHeader().toByteArray())))
                .build();

        registry.inject(wrongSignature);

        assertThat(awaitFinal(wrongSignature)).isEqualTo(failed("Invalid signature for slice"));
    }

    @Test
    void unseenIdsAreUnknown() {
        assertThat(status(issue("alice", 1000)).getStatus()).isEqualTo(TransactionState.UNKNOWN);
        assertThat(registry.statusOf("no-such-id").state()).isEqualTo(TransactionState.UNKNOWN);
    }

    @Test
    void aTransactionStaysPendingForTheCommitDelayThenCommits() throws Exception {
        try (RegistrySimulator slow = startRegistry(Duration.ofMillis(700))) {
            ManagedChannel slowChannel = ManagedChannelBuilder.forTarget(slow.target()).usePlaintext().build();
            try {
                var slowStub = RegistryServiceGrpc.newBlockingStub(slowChannel).withDeadlineAfter(5, TimeUnit.SECONDS);
                Transaction issue = issue("alice", 1000);
                String id = TransactionIds.of(issue);
                long sentAt = System.nanoTime();

                slowStub.sendTransactions(SendTransactionsRequest.newBuilder().addTransactions(issue).build());
                TransactionState first = slowStub.getTransactionStatus(
                        GetTransactionStatusRequest.newBuilder().setId(id).build()).getStatus();
                // Resending a pending transaction only counts it.
                slowStub.sendTransactions(SendTransactionsRequest.newBuilder().addTransactions(issue).build());

                assertThat(first).isEqualTo(TransactionState.PENDING);
                assertThat(slow.receiveCount(id)).isEqualTo(2);
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> slow.statusOf(id).state() == TransactionState.COMMITTED);
                assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            } finally {
                slowChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private RegistrySimulator startRegistry(Duration commitDelay) throws Exception {
        return RegistrySimulator.builder()
                .port(0)
                .registryName(REGISTRY)
                .commitDelay(commitDelay)
                .issuerKeys(RegistrySimulator.issuerKeysFrom(keys))
                .build()
                .start();
    }

    private Transaction issue(String owner, long quantity) {
        return factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, START, END, "DK1", quantity, owner);
    }

    private void send(Transaction... transactions) {
        stub.sendTransactions(SendTransactionsRequest.newBuilder().addAllTransactions(List.of(transactions)).build());
    }

    private void commit(Transaction transaction) {
        send(transaction);
        awaitState(transaction, TransactionState.COMMITTED);
    }

    private GetTransactionStatusResponse status(Transaction transaction) {
        return stub.getTransactionStatus(
                GetTransactionStatusRequest.newBuilder().setId(TransactionIds.of(transaction)).build());
    }

    private void awaitState(Transaction transaction, TransactionState expected) {
        assertThat(awaitFinal(transaction).getStatus()).as(() -> status(transaction).getMessage()).isEqualTo(expected);
    }

    /** Polls (boundedly) until the transaction has left PENDING. */
    private GetTransactionStatusResponse awaitFinal(Transaction transaction) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> status(transaction), s -> s.getStatus() != TransactionState.PENDING);
    }

    private static GetTransactionStatusResponse failed(String message) {
        return GetTransactionStatusResponse.newBuilder().setStatus(TransactionState.FAILED).setMessage(message).build();
    }
}
