package org.originrelay.registryconnector.commands;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.registry.protocol.OpenedHashCommitments;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryTransactionsTest {

    private static final String SECRET = "registry-transactions-test";

    private final OwnerKeys keys = OwnerKeys.fromSecret(SECRET);
    private final OpenedHashCommitments commitments = OpenedHashCommitments.fromSecret(SECRET);
    private final RegistryTransactions registryTransactions =
            new RegistryTransactions(new TransactionFactory("test-registry", keys, commitments));

    @Test
    void anIssueIsOneIssuedEventSignedByTheGridAreasIssuer() throws InvalidProtocolBufferException {
        IssueCertificateValidated issue = new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), CertificateType.CONSUMPTION, "DK2", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1234, "alice", "alice");

        List<Transaction> built = registryTransactions.of(issue);

        assertThat(built).hasSize(1);
        Transaction transaction = built.getFirst();
        assertThat(transaction.getHeader().getPayloadType()).isEqualTo("project_origin.electricity.v1.IssuedEvent");
        assertThat(streamOf(transaction)).isEqualTo(issue.certificateId().toString());
        assertThat(isSignedBy(transaction, keys.issuerPublicKey("DK2"))).isTrue();
        IssuedEvent event = IssuedEvent.parseFrom(transaction.getPayload());
        assertThat(event.getType()).isEqualTo(GranularCertificateType.CONSUMPTION);
        assertThat(event.getGridArea()).isEqualTo("DK2");
        assertThat(event.getOwnerPublicKey()).isEqualTo(keys.ownerPublicKey("alice"));
        assertThat(commitments.verifyOpening(event.getQuantityCommitment())).hasValue(1234);
    }

    @Test
    void aTransferIsOneTransferredEventSignedByTheCurrentOwner() throws InvalidProtocolBufferException {
        TransferSliceValidated transfer = new TransferSliceValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "bob", "alice", 500, "alice");

        List<Transaction> built = registryTransactions.of(transfer);

        assertThat(built).hasSize(1);
        assertThat(isSignedBy(built.getFirst(), keys.ownerPublicKey("alice"))).isTrue();
        TransferredEvent event = TransferredEvent.parseFrom(built.getFirst().getPayload());
        assertThat(event.getNewOwner()).isEqualTo(keys.ownerPublicKey("bob"));
    }

    @Test
    void aSliceIsOneSlicedEventWithEachNewSliceCommittedToItsQuantity() throws InvalidProtocolBufferException {
        SliceCertificateValidated slice = new SliceCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), List.of(30L, 70L), List.of(UUID.randomUUID(), UUID.randomUUID()), "alice", 100,
                "alice");

        List<Transaction> built = registryTransactions.of(slice);

        assertThat(built).hasSize(1);
        SlicedEvent event = SlicedEvent.parseFrom(built.getFirst().getPayload());
        assertThat(event.getNewSlicesList()).extracting(newSlice -> commitments.verifyOpening(newSlice.getQuantity())
                .orElseThrow()).containsExactly(30L, 70L);
        assertThat(isSignedBy(built.getFirst(), keys.ownerPublicKey("alice"))).isTrue();
    }

    @Test
    void aSliceWhoseIdsAndQuantitiesDoNotPairUpCannotBeBuilt() {
        SliceCertificateValidated slice = new SliceCertificateValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), List.of(30L, 70L), List.of(UUID.randomUUID()), "alice", 100, "alice");

        assertThatThrownBy(() -> registryTransactions.of(slice)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClaimIsFourTransactionsAllocatingThenClaimingProductionBeforeConsumption() {
        ClaimValidated claim = new ClaimValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "alice", 100, "alice");

        List<Transaction> built = registryTransactions.of(claim);

        assertThat(built).extracting(transaction -> transaction.getHeader().getPayloadType()).containsExactly(
                "project_origin.electricity.v1.AllocatedEvent", "project_origin.electricity.v1.AllocatedEvent",
                "project_origin.electricity.v1.ClaimedEvent", "project_origin.electricity.v1.ClaimedEvent");
        String production = claim.productionCertificateId().toString();
        String consumption = claim.consumptionCertificateId().toString();
        assertThat(built).extracting(RegistryTransactionsTest::streamOf)
                .containsExactly(production, consumption, production, consumption);
    }

    @Test
    void anEventThatIsNotAValidatedCommandIsNotBuilt() {
        var requested = new TransferSliceRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "bob", "alice");

        assertThatThrownBy(() -> registryTransactions.of(requested)).isInstanceOf(IllegalStateException.class);
    }

    private static String streamOf(Transaction transaction) {
        return transaction.getHeader().getFederatedStreamId().getStreamId().getValue();
    }

    private static boolean isSignedBy(Transaction transaction, PublicKey key) {
        return OwnerKeys.verify(key.getContent().toByteArray(), transaction.getHeader().toByteArray(),
                transaction.getHeaderSignature().toByteArray());
    }

    @Test
    void onlyIssuancesAndSlicingsCommitToNewQuantitiesAndSoNeedTheProvingPool() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        UUID certificate = UUID.randomUUID();
        assertThat(RegistryTransactions.needsProving(new IssueCertificateValidated(UUID.randomUUID(), certificate,
                UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", start, start.plusSeconds(3600), 10, "a", "a")))
                .isTrue();
        assertThat(RegistryTransactions.needsProving(new SliceCertificateValidated(UUID.randomUUID(), certificate,
                UUID.randomUUID(), List.of(4L, 6L), List.of(UUID.randomUUID(), UUID.randomUUID()), "a", 10, "a")))
                .isTrue();
        assertThat(RegistryTransactions.needsProving(new ClaimValidated(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "a", 10, "a"))).isFalse();
        assertThat(RegistryTransactions.needsProving(new TransferSliceValidated(UUID.randomUUID(), certificate,
                UUID.randomUUID(), "b", "a", 10, "a"))).isFalse();
    }
}
