package org.originrelay.registry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.QuantityCommitments;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

/** The registry's rules, applied directly to its streams without gRPC or delays. */
class CommitRulesTest {

    private static final String REGISTRY = "test-registry";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T01:00:00Z");

    private final OwnerKeys keys = OwnerKeys.fromSecret("rules-secret");
    private final QuantityCommitments commitments = CommitmentScheme.PEDERSEN.commitments("rules-secret");
    private final TransactionFactory factory = new TransactionFactory(REGISTRY, keys, commitments);
    private final Streams streams = new Streams(REGISTRY);
    private final CommitRules rules = new CommitRules(streams,
            gridArea -> gridArea.equals("DK1")
                    ? Optional.of(keys.issuerPublicKey(gridArea).getContent().toByteArray())
                    : Optional.empty(),
            CommitmentScheme.PEDERSEN.verifier());
    private final UUID production = UUID.randomUUID();
    private final UUID productionSlice = UUID.randomUUID();
    private final UUID consumption = UUID.randomUUID();
    private final UUID consumptionSlice = UUID.randomUUID();

    @Test
    void aPayloadThatDoesNotMatchItsHashIsRejected() {
        Transaction tampered = issueProduction(1000).toBuilder().setPayload(ByteString.copyFromUtf8("forged")).build();

        assertRejected(tampered, "payload_sha512 does not match the payload");
    }

    @Test
    void anUnknownPayloadTypeIsRejected() {
        Transaction issue = issueProduction(1000);
        TransactionHeader header = issue.getHeader().toBuilder().setPayloadType("project_origin.electricity.v1.Burned").build();
        Transaction unknown = issue.toBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(keys.signAsIssuer("DK1", header.toByteArray())))
                .build();

        assertRejected(unknown, "Could not deserialize unknown type ”project_origin.electricity.v1.Burned”");
        assertRejected(withPayloadType(issue, "project_origin.electricity.v1.Commitment"),
                "No verifier implemented for payload type ”project_origin.electricity.v1.Commitment”");
        assertRejected(withPayloadType(issue, "project_origin.gas.v1.IssuedEvent"),
                "No verifier found for transaction family project_origin.gas.v1");
    }

    @Test
    void aPayloadThatIsNotItsTypeIsRejected() {
        byte[] garbage = {(byte) 0xFF, 0x01};
        Transaction issue = issueProduction(1000);
        TransactionHeader header = issue.getHeader().toBuilder()
                .setPayloadSha512(ByteString.copyFrom(Digests.sha512(garbage))).build();

        assertRejected(issue.toBuilder().setHeader(header).setPayload(ByteString.copyFrom(garbage)).build(),
                "Could not deserialize invalid payload of type ”project_origin.electricity.v1.IssuedEvent”");
    }

    @Test
    void aStreamOfAnotherRegistryIsRejected() {
        Transaction foreign = new TransactionFactory("elsewhere", keys, commitments)
                .issue(production, productionSlice, GranularCertificateType.PRODUCTION, START, END, "DK1", 1000, "alice");

        assertRejected(foreign, "Invalid registry for transaction");
    }

    @Test
    void aTransactionWithoutHeaderIsRejected() {
        assertRejected(Transaction.getDefaultInstance(), "transaction has no header");
    }

    @Test
    void issuanceNeedsAKnownGridAreaAValidTypeAndANewStream() {
        assertRejected(factory.issue(production, productionSlice, GranularCertificateType.PRODUCTION, START, END, "SE3",
                1000, "alice"), "No issuer found for GridArea ”SE3”");
        assertRejected(factory.issue(production, productionSlice, GranularCertificateType.INVALID, START, END, "DK1",
                1000, "alice"), "Invalid certificate type");

        rules.commit(issueProduction(1000));

        assertRejected(issueProduction(1000),
                "Certificate with id ”{ \"value\": \"" + production + "\" }” already exists");
    }

    @Test
    void aRejectedSliceChangesNothing() {
        rules.commit(issueProduction(1000));
        UUID twice = UUID.randomUUID();

        assertRejected(factory.slice(production, productionSlice, 1000, "alice",
                List.of(new NewSlice(twice, 500), new NewSlice(twice, 500))), "new slice 1 duplicates an existing slice");

        assertThatCode(() -> rules.commit(factory.transfer(production, productionSlice, 1000, "alice", "bob")))
                .doesNotThrowAnyException();
        assertThat(streams.committed(production.toString())).hasSize(2);
    }

    @Test
    void theConsumptionSideCannotBeAllocatedBeforeTheProductionSide() {
        issueBoth(1000, 1000);
        UUID allocation = UUID.randomUUID();

        assertRejected(factory.allocate(allocation, consumption, productionSlice(1000), consumptionSlice(1000), "alice"),
                "Production not allocated");
    }

    @Test
    void allocatedSlicesMustHaveEqualQuantities() {
        issueBoth(1000, 500);

        assertRejected(factory.allocate(UUID.randomUUID(), production, productionSlice(1000), consumptionSlice(500),
                "alice"), "Invalid Equality proof");
    }

    @Test
    void anAllocationWithAForgedEqualityProofIsRejected() {
        issueBoth(1000, 1000);
        Transaction allocation = factory.allocate(UUID.randomUUID(), production, productionSlice(1000),
                consumptionSlice(1000), "alice");
        AllocatedEvent event = payload(allocation, AllocatedEvent.parser());
        byte[] proof = event.getEqualityProof().toByteArray();
        proof[40] ^= 1;

        assertRejected(resigned(allocation, event.toBuilder().setEqualityProof(ByteString.copyFrom(proof)).build(),
                header -> keys.signAsOwner("alice", header)), "Invalid Equality proof");
    }

    @Test
    void anIssuanceWithAForgedRangeProofIsRejectedWithTheRealVerifiersMessage() {
        Transaction issue = issueProduction(1000);
        IssuedEvent event = payload(issue, IssuedEvent.parser());
        byte[] proof = event.getQuantityCommitment().getRangeProof().toByteArray();
        proof[100] ^= 4;
        IssuedEvent forged = event.toBuilder()
                .setQuantityCommitment(event.getQuantityCommitment().toBuilder().setRangeProof(ByteString.copyFrom(proof)))
                .build();

        assertRejected(resigned(issue, forged, header -> keys.signAsIssuer("DK1", header)),
                "Invalid range proof for Quantity commitment");
    }

    @Test
    void aQuantityCommitmentThatIsNotAPointIsRejectedAsTheVerifierRejectsIt() {
        IssuedEvent event = payload(issueProduction(1000), IssuedEvent.parser());
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xFF);
        IssuedEvent forged = event.toBuilder()
                .setQuantityCommitment(event.getQuantityCommitment().toBuilder().setContent(ByteString.copyFrom(notAPoint)))
                .build();

        assertRejected(resigned(issueProduction(1000), forged, header -> keys.signAsIssuer("DK1", header)),
                "Invalid range proof for Quantity commitment");
    }

    @Test
    void aRangeProofMadeForAnotherStreamIsRejected() {
        IssuedEvent event = payload(issueProduction(1000), IssuedEvent.parser());
        IssuedEvent replayed = event.toBuilder()
                .setQuantityCommitment(commitments.commit(1000, productionSlice, UUID.randomUUID()))
                .build();

        assertRejected(resigned(issueProduction(1000), replayed, header -> keys.signAsIssuer("DK1", header)),
                "Invalid range proof for Quantity commitment");
    }

    @Test
    void slicesThatDoNotAddUpToTheSourceFailTheSumProof() {
        rules.commit(issueProduction(1000));

        assertRejected(factory.slice(production, productionSlice, 1000, "alice",
                List.of(new NewSlice(UUID.randomUUID(), 400), new NewSlice(UUID.randomUUID(), 700))), "Invalid sum proof");
        assertRejected(factory.slice(production, productionSlice, 1000, "alice",
                List.of(new NewSlice(UUID.randomUUID(), 400))), "Invalid sum proof");
    }

    @Test
    void aSliceWithAForgedSumProofIsRejected() {
        rules.commit(issueProduction(1000));
        Transaction slicing = factory.slice(production, productionSlice, 1000, "alice",
                List.of(new NewSlice(UUID.randomUUID(), 400), new NewSlice(UUID.randomUUID(), 600)));
        SlicedEvent event = payload(slicing, SlicedEvent.parser());
        byte[] proof = event.getSumProof().toByteArray();
        proof[3] ^= 1;

        assertRejected(resigned(slicing, event.toBuilder().setSumProof(ByteString.copyFrom(proof)).build(),
                header -> keys.signAsOwner("alice", header)), "Invalid sum proof");
        rules.commit(slicing);
        assertThat(streams.committed(production.toString())).hasSize(2);
    }

    @Test
    void anAllocationMustNameItsStreamForTheSideTheStreamsTypeGivesIt() {
        issueBoth(1000, 1000);
        // Roles swapped: the consumption certificate named as the production one.
        CertificateSlice swappedProduction = new CertificateSlice(consumption, consumptionSlice, 1000);
        CertificateSlice swappedConsumption = new CertificateSlice(production, productionSlice, 1000);

        assertRejected(factory.allocate(UUID.randomUUID(), consumption, swappedProduction, swappedConsumption, "alice"),
                "allocation on a CONSUMPTION certificate must name it as consumption_certificate_id");
    }

    @Test
    void aClaimNeedsTheAllocationOnBothStreamsAndHappensOnce() {
        issueBoth(1000, 1000);
        UUID allocation = UUID.randomUUID();
        List<Transaction> claim = factory.claimTransactions(allocation, productionSlice(1000), consumptionSlice(1000),
                "alice");
        rules.commit(claim.get(0));

        assertRejected(claim.get(2), "Consumption not allocated");

        rules.commit(claim.get(1));
        assertRejected(claim.get(3), "Production not claimed");
        rules.commit(claim.get(2));
        rules.commit(claim.get(3));
        assertRejected(factory.claim(production, allocation, "alice"), "Allocation does not exist");
    }

    @Test
    void aClaimSignedByAnotherOwnerIsRejected() {
        issueBoth(1000, 1000);
        UUID allocation = UUID.randomUUID();
        List<Transaction> claim = factory.claimTransactions(allocation, productionSlice(1000), consumptionSlice(1000),
                "alice");
        rules.commit(claim.get(0));
        rules.commit(claim.get(1));

        assertRejected(factory.claim(production, allocation, "mallory"), "Invalid signature for slice");
    }

    @Test
    void streamsListOnlyCommittedTransactions() {
        Transaction issue = issueProduction(1000);
        rules.commit(issue);
        assertRejected(factory.transfer(production, productionSlice, 1, "alice", "bob"),
                "Slice not found");

        assertThat(streams.committed(production.toString())).containsExactly(issue);
        assertThat(streams.committed(UUID.randomUUID().toString())).isEmpty();
    }

    private void issueBoth(long productionQuantity, long consumptionQuantity) {
        rules.commit(issueProduction(productionQuantity));
        rules.commit(factory.issue(consumption, consumptionSlice, GranularCertificateType.CONSUMPTION, START, END, "DK1",
                consumptionQuantity, "alice"));
    }

    private Transaction issueProduction(long quantity) {
        return factory.issue(production, productionSlice, GranularCertificateType.PRODUCTION, START, END, "DK1",
                quantity, "alice");
    }

    private CertificateSlice productionSlice(long quantity) {
        return new CertificateSlice(production, productionSlice, quantity);
    }

    private CertificateSlice consumptionSlice(long quantity) {
        return new CertificateSlice(consumption, consumptionSlice, quantity);
    }

    private static <T extends Message> T payload(Transaction transaction, Parser<T> parser) {
        try {
            return parser.parseFrom(transaction.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The transaction with another payload, its header's hash updated and signed again. */
    private static Transaction resigned(Transaction original, Message payload, UnaryOperator<byte[]> signer) {
        byte[] bytes = payload.toByteArray();
        TransactionHeader header = original.getHeader().toBuilder()
                .setPayloadSha512(ByteString.copyFrom(Digests.sha512(bytes)))
                .build();
        return original.toBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(signer.apply(header.toByteArray())))
                .setPayload(ByteString.copyFrom(bytes))
                .build();
    }

    private Transaction withPayloadType(Transaction transaction, String payloadType) {
        TransactionHeader header = transaction.getHeader().toBuilder().setPayloadType(payloadType).build();
        return transaction.toBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(keys.signAsIssuer("DK1", header.toByteArray())))
                .build();
    }

    private void assertRejected(Transaction transaction, String message) {
        assertThatThrownBy(() -> rules.commit(transaction)).isInstanceOf(Rejection.class).hasMessage(message);
    }
}
