package org.originrelay.registry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.pedersen.PedersenQuantityCommitments;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.Commitment;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.electricity.UnclaimedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

class TransactionFactoryTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-01T01:00:00Z");

    private final OwnerKeys keys = OwnerKeys.fromSecret("test-secret");
    private final QuantityCommitments commitments = PedersenQuantityCommitments.fromSecret("test-secret");
    private final CommitmentVerifier verifier = commitments.verifier();
    private final TransactionFactory factory = new TransactionFactory("test-registry", keys, commitments);
    private final UUID certificate = UUID.randomUUID();
    private final UUID slice = UUID.randomUUID();

    @Test
    void issueBuildsAHeaderNamingStreamPayloadTypeHashAndNonce() throws Exception {
        Transaction tx = issue();

        var header = tx.getHeader();
        assertThat(header.getFederatedStreamId().getRegistry()).isEqualTo("test-registry");
        assertThat(header.getFederatedStreamId().getStreamId().getValue()).isEqualTo(certificate.toString());
        assertThat(header.getPayloadType()).isEqualTo("project_origin.electricity.v1.IssuedEvent");
        assertThat(header.getPayloadSha512().toByteArray())
                .isEqualTo(MessageDigest.getInstance("SHA-512").digest(tx.getPayload().toByteArray()));
        assertThat(header.getNonce()).isNotBlank().isNotEqualTo(issue().getHeader().getNonce());
    }

    @Test
    void issueCarriesTheCertificateAndIsSignedByTheGridAreasIssuer() throws Exception {
        Transaction tx = issue();
        IssuedEvent event = IssuedEvent.parseFrom(tx.getPayload());

        assertThat(event.getCertificateId()).isEqualTo(tx.getHeader().getFederatedStreamId());
        assertThat(event.getType()).isEqualTo(GranularCertificateType.PRODUCTION);
        assertThat(event.getGridArea()).isEqualTo("DK1");
        assertThat(event.getPeriod().getStart().getSeconds()).isEqualTo(START.getEpochSecond());
        assertThat(event.getPeriod().getEnd().getSeconds()).isEqualTo(END.getEpochSecond());
        assertThat(event.getQuantityCommitment().getContent().toByteArray()).isEqualTo(commitments.content(1000, slice));
        assertThat(verifier.verifyQuantity(event.getQuantityCommitment(), certificate.toString())).isTrue();
        assertThat(verifier.verifyQuantity(event.getQuantityCommitment(), UUID.randomUUID().toString())).isFalse();
        assertThat(event.getOwnerPublicKey()).isEqualTo(keys.ownerPublicKey("alice"));
        assertThat(signedBy(tx, keys.issuerPublicKey("DK1"))).isTrue();
        assertThat(signedBy(tx, keys.ownerPublicKey("alice"))).isFalse();
    }

    @Test
    void issueRefusesAnEmptyPeriod() {
        assertThatThrownBy(() -> factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, END, START,
                "DK1", 1000, "alice")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issueRefusesPeriodsTheRegistryWouldFailWithItsReason() {
        assertThatThrownBy(() -> factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, START,
                END.plusSeconds(1), "DK1", 1000, "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid period, maximum period is 1 hour");
        assertThatThrownBy(() -> factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, START,
                START.plusSeconds(59), "DK1", 1000, "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid period, minimum period is 1 minute");
        assertThat(IssuancePeriods.problem(START, START.plusSeconds(60))).isNull();
        assertThat(IssuancePeriods.problem(START, END)).isNull();
    }

    @Test
    void aWithdrawalIsSignedByTheGridAreasIssuerAndAnUnclaimByTheOwner() throws Exception {
        Transaction withdrawal = factory.withdraw(certificate, "DK1");
        UUID allocation = UUID.randomUUID();
        Transaction unclaim = factory.unclaim(certificate, allocation, "alice");

        assertThat(withdrawal.getHeader().getPayloadType()).isEqualTo("project_origin.electricity.v1.WithdrawnEvent");
        assertThat(withdrawal.getPayload()).isEmpty();
        assertThat(signedBy(withdrawal, keys.issuerPublicKey("DK1"))).isTrue();
        assertThat(unclaim.getHeader().getPayloadType()).isEqualTo("project_origin.electricity.v1.UnclaimedEvent");
        assertThat(UnclaimedEvent.parseFrom(unclaim.getPayload()).getAllocationId().getValue())
                .isEqualTo(allocation.toString());
        assertThat(signedBy(unclaim, keys.ownerPublicKey("alice"))).isTrue();
    }

    @Test
    void transferNamesTheSliceByItsCommitmentHashAndIsSignedByTheCurrentOwner() throws Exception {
        Transaction tx = factory.transfer(certificate, slice, 1000, "alice", "bob");
        TransferredEvent event = TransferredEvent.parseFrom(tx.getPayload());

        assertThat(tx.getHeader().getPayloadType()).isEqualTo("project_origin.electricity.v1.TransferredEvent");
        assertThat(event.getSourceSliceHash().toByteArray())
                .isEqualTo(SliceHashes.of(IssuedEvent.parseFrom(issue().getPayload()).getQuantityCommitment()));
        assertThat(event.getNewOwner()).isEqualTo(keys.ownerPublicKey("bob"));
        assertThat(signedBy(tx, keys.ownerPublicKey("alice"))).isTrue();
        assertThat(signedBy(tx, keys.ownerPublicKey("bob"))).isFalse();
    }

    @Test
    void sliceCommitsEachNewQuantityForTheSameOwner() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        Transaction tx = factory.slice(certificate, slice, 1000, "alice",
                List.of(new NewSlice(first, 400), new NewSlice(second, 600)));
        SlicedEvent event = SlicedEvent.parseFrom(tx.getPayload());

        assertThat(event.getSourceSliceHash()).isEqualTo(hash(1000, slice));
        assertThat(event.getNewSlicesList()).hasSize(2);
        assertThat(event.getNewSlices(0).getQuantity().getContent().toByteArray())
                .isEqualTo(commitments.content(400, first));
        assertThat(event.getNewSlices(1).getQuantity().getContent().toByteArray())
                .isEqualTo(commitments.content(600, second));
        assertThat(event.getNewSlicesList()).allSatisfy(s -> assertThat(
                verifier.verifyQuantity(s.getQuantity(), certificate.toString())).isTrue());
        Commitment source = Commitment.newBuilder().setContent(ByteString.copyFrom(commitments.content(1000, slice)))
                .build();
        List<Commitment> parts = List.of(event.getNewSlices(0).getQuantity(), event.getNewSlices(1).getQuantity());
        assertThat(verifier.verifySum(event.getSumProof().toByteArray(), source, parts, certificate.toString()))
                .isTrue();
        assertThat(verifier.verifySum(event.getSumProof().toByteArray(), source, parts.subList(0, 1),
                certificate.toString())).isFalse();
        assertThat(event.getNewSlicesList()).allSatisfy(
                s -> assertThat(s.getNewOwner()).isEqualTo(keys.ownerPublicKey("alice")));
        assertThat(signedBy(tx, keys.ownerPublicKey("alice"))).isTrue();
    }

    @Test
    void claimTransactionsAllocateOnBothStreamsThenClaimOnBoth() throws Exception {
        UUID allocation = UUID.randomUUID();
        CertificateSlice production = new CertificateSlice(certificate, slice, 1000);
        CertificateSlice consumption = new CertificateSlice(UUID.randomUUID(), UUID.randomUUID(), 1000);

        List<Transaction> txs = factory.claimTransactions(allocation, production, consumption, "alice");

        assertThat(txs).extracting(tx -> tx.getHeader().getFederatedStreamId().getStreamId().getValue())
                .containsExactly(production.certificateId().toString(), consumption.certificateId().toString(),
                        production.certificateId().toString(), consumption.certificateId().toString());
        assertThat(txs).extracting(tx -> tx.getHeader().getPayloadType()).containsExactly(
                "project_origin.electricity.v1.AllocatedEvent", "project_origin.electricity.v1.AllocatedEvent",
                "project_origin.electricity.v1.ClaimedEvent", "project_origin.electricity.v1.ClaimedEvent");
        AllocatedEvent allocated = AllocatedEvent.parseFrom(txs.get(1).getPayload());
        assertThat(allocated.getAllocationId().getValue()).isEqualTo(allocation.toString());
        assertThat(allocated.getProductionSourceSliceHash()).isEqualTo(hash(1000, slice));
        assertThat(allocated.getConsumptionSourceSliceHash()).isEqualTo(hash(1000, consumption.sliceId()));
        assertThat(verifier.verifyEquality(allocated.getEqualityProof().toByteArray(),
                contentOnly(1000, production.sliceId()), contentOnly(1000, consumption.sliceId()),
                allocation.toString())).isTrue();
        assertThat(verifier.verifyEquality(allocated.getEqualityProof().toByteArray(),
                contentOnly(1000, production.sliceId()), contentOnly(1000, consumption.sliceId()),
                UUID.randomUUID().toString())).isFalse();
        ClaimedEvent claimed = ClaimedEvent.parseFrom(txs.get(3).getPayload());
        assertThat(claimed.getCertificateId().getStreamId().getValue()).isEqualTo(consumption.certificateId().toString());
        assertThat(txs).allSatisfy(tx -> assertThat(signedBy(tx, keys.ownerPublicKey("alice"))).isTrue());
    }

    @Test
    void allocationMustBeRecordedOnOneOfItsTwoCertificates() {
        CertificateSlice production = new CertificateSlice(certificate, slice, 1000);
        CertificateSlice consumption = new CertificateSlice(UUID.randomUUID(), UUID.randomUUID(), 1000);

        assertThatThrownBy(() -> factory.allocate(UUID.randomUUID(), UUID.randomUUID(), production, consumption, "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Transaction issue() {
        return factory.issue(certificate, slice, GranularCertificateType.PRODUCTION, START, END, "DK1", 1000, "alice");
    }

    private ByteString hash(long quantity, UUID sliceId) {
        return ByteString.copyFrom(SliceHashes.ofContent(commitments.content(quantity, sliceId)));
    }

    private Commitment contentOnly(long quantity, UUID sliceId) {
        return Commitment.newBuilder().setContent(ByteString.copyFrom(commitments.content(quantity, sliceId))).build();
    }

    private static boolean signedBy(Transaction tx, PublicKey key) {
        return OwnerKeys.verify(key.getContent().toByteArray(), tx.getHeader().toByteArray(),
                tx.getHeaderSignature().toByteArray());
    }
}
