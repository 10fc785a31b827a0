package org.originrelay.registryconnector.reconciliation;

import com.google.protobuf.ByteString;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originrelay.registryconnector.reconciliation.StreamFixture.KEYS;
import static org.originrelay.registryconnector.reconciliation.StreamFixture.hashOf;

class StateDiffTest {

    private final UUID certificate = UUID.randomUUID();
    private final UUID slice = UUID.randomUUID();
    private final Transaction issue = StreamFixture.issue(certificate, slice, GranularCertificateType.PRODUCTION, 100, "alice");
    private final SliceNames names = new SliceNames()
            .slice(hashOf(slice, 100), slice, 100)
            .owner(KEYS.ownerPublicKey("alice").getContent(), "alice");

    @Test
    void theSameStateHasNoDifferences() {
        StreamState state = StreamDecoder.decode(certificate, List.of(issue));

        assertThat(StateDiff.differences(state, state, names, 0)).isEmpty();
    }

    @Test
    void aTransferToAForeignKeyIsAnOwnerDifferenceNamingTheExternalOwner() {
        OwnerKeys elsewhere = OwnerKeys.fromSecret("another-wallet-secret");
        ByteString foreignKey = elsewhere.ownerPublicKey("carol").getContent();
        // Signed by alice, as another wallet holding her key would; the new owner is a key Origin Relay cannot name.
        Transaction foreignTransfer = foreignTransfer(StreamFixture.transfer(certificate, slice, 100, "alice", "carol"),
                foreignKey);
        List<Transaction> registryStream = List.of(issue, foreignTransfer);

        List<String> differences = StateDiff.differences(StreamDecoder.decode(certificate, List.of(issue)),
                StreamDecoder.decode(certificate, registryStream), names, 1);

        String external = "external:" + Base64.getUrlEncoder().withoutPadding().encodeToString(foreignKey.toByteArray());
        assertThat(differences).containsExactly("slice " + slice + " is owned by " + external
                + " on the registry, not by alice");
        assertThat(names.owner(foreignKey)).isEqualTo(external);
    }

    @Test
    void aHalfDoneClaimShowsTheSliceAllocatedWithItsAllocation() {
        UUID allocation = UUID.randomUUID();
        List<Transaction> claim = StreamFixture.claim(allocation, new CertificateSlice(certificate, slice, 100),
                new CertificateSlice(UUID.randomUUID(), UUID.randomUUID(), 100), "alice");

        List<String> differences = StateDiff.differences(StreamDecoder.decode(certificate, List.of(issue)),
                StreamDecoder.decode(certificate, List.of(issue, claim.getFirst())), names, 1);

        assertThat(differences).containsExactly("slice " + slice + " is ALLOCATED (allocation " + allocation
                + ") on the registry, not AVAILABLE");
    }

    @Test
    void slicesMissingOnEitherSideAreNamedByIdOrByHash() {
        UUID unknownSlice = UUID.randomUUID();
        Transaction otherIssue = StreamFixture.issue(certificate, unknownSlice, GranularCertificateType.PRODUCTION, 7,
                "alice");

        List<String> differences = StateDiff.differences(StreamDecoder.decode(certificate, List.of(issue)),
                StreamDecoder.decode(certificate, List.of(otherIssue)), names, 0);

        assertThat(differences).containsExactly(
                "slice " + slice + " was announced but the registry no longer holds it",
                "slice with hash " + hashOf(unknownSlice, 7) + " (not made by Origin Relay) is on the registry, "
                        + "owned by alice and AVAILABLE, but was never announced");
    }

    @Test
    void unreadableTransactionsAreDifferencesOnlyWhenNew() {
        Transaction withdrawal = issue.toBuilder()
                .setHeader(issue.getHeader().toBuilder().setPayloadType(WithdrawnEvent.getDescriptor().getFullName()))
                .build();
        StreamState registry = StreamDecoder.decode(certificate, List.of(issue, withdrawal));
        StreamState announced = StreamDecoder.decode(certificate, List.of(issue));

        assertThat(StateDiff.differences(announced, registry, names, 1)).singleElement()
                .satisfies(difference -> assertThat(difference).contains("WithdrawnEvent"));
        assertThat(StateDiff.differences(announced, registry, names, 2)).isEmpty();
    }

    @Test
    void aStreamTheRegistryDoesNotHoldIsADifferenceWhenTheIssueWasAnnounced() {
        assertThat(StateDiff.differences(StreamDecoder.decode(certificate, List.of(issue)),
                StreamDecoder.decode(certificate, List.of()), names, 0))
                .contains("the registry holds no transaction of this certificate, though its issuance was announced");
    }

    private static Transaction foreignTransfer(Transaction transfer, ByteString newOwner) {
        try {
            var event = org.originrelay.registry.protocol.v1.electricity.TransferredEvent.parseFrom(transfer.getPayload())
                    .toBuilder()
                    .setNewOwner(org.originrelay.registry.protocol.v1.electricity.PublicKey.newBuilder()
                            .setContent(newOwner).setTypeValue(1))
                    .build();
            return transfer.toBuilder().setPayload(event.toByteString()).build();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
