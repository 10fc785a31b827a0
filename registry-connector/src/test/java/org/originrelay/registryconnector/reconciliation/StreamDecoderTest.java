package org.originrelay.registryconnector.reconciliation;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originrelay.registryconnector.reconciliation.StreamFixture.KEYS;
import static org.originrelay.registryconnector.reconciliation.StreamFixture.hashOf;

class StreamDecoderTest {

    private final UUID certificate = UUID.randomUUID();
    private final UUID slice = UUID.randomUUID();

    @Test
    void anIssuanceGivesTheCertificateAndOneAvailableSliceOfItsOwner() {
        StreamState state = StreamDecoder.decode(certificate,
                List.of(StreamFixture.issue(certificate, slice, GranularCertificateType.PRODUCTION, 100, "alice")));

        assertThat(state.issued()).isEqualTo(new StreamState.Issuance(CertificateType.PRODUCTION, "DK1",
                StreamFixture.START, StreamFixture.END));
        assertThat(state.slices().values()).containsExactly(new RegistrySlice(hashOf(slice, 100),
                KEYS.ownerPublicKey("alice").getContent(), SliceState.AVAILABLE, null));
        assertThat(state.anomalies()).isEmpty();
        assertThat(state.transactions()).isEqualTo(1);
    }

    @Test
    void slicingReplacesTheSourceAndATransferChangesOnlyTheOwner() {
        UUID left = UUID.randomUUID();
        UUID right = UUID.randomUUID();
        StreamState state = StreamDecoder.decode(certificate, List.of(
                StreamFixture.issue(certificate, slice, GranularCertificateType.PRODUCTION, 100, "alice"),
                StreamFixture.slice(certificate, slice, 100, "alice", List.of(new NewSlice(left, 30), new NewSlice(right, 70))),
                StreamFixture.transfer(certificate, right, 70, "alice", "bob")));

        assertThat(state.slices().keySet()).containsExactly(hashOf(left, 30), hashOf(right, 70));
        assertThat(state.slice(hashOf(left, 30)).orElseThrow().ownerKey()).isEqualTo(KEYS.ownerPublicKey("alice").getContent());
        assertThat(state.slice(hashOf(right, 70)).orElseThrow().ownerKey()).isEqualTo(KEYS.ownerPublicKey("bob").getContent());
        assertThat(state.slices().values()).allMatch(s -> s.state() == SliceState.AVAILABLE);
    }

    @Test
    void anAllocationHoldsTheSliceOfItsOwnStreamAndTheClaimSpendsIt() {
        UUID consumption = UUID.randomUUID();
        UUID consumptionSlice = UUID.randomUUID();
        UUID allocation = UUID.randomUUID();
        List<Transaction> claim = StreamFixture.claim(allocation, new CertificateSlice(certificate, slice, 50),
                new CertificateSlice(consumption, consumptionSlice, 50), "alice");
        Transaction issue = StreamFixture.issue(certificate, slice, GranularCertificateType.PRODUCTION, 50, "alice");

        StreamState allocated = StreamDecoder.decode(certificate, List.of(issue, claim.get(0)));
        StreamState claimed = StreamDecoder.decode(certificate, List.of(issue, claim.get(0), claim.get(2)));
        StreamState consumptionSide = StreamDecoder.decode(consumption, List.of(
                StreamFixture.issue(consumption, consumptionSlice, GranularCertificateType.CONSUMPTION, 50, "alice"),
                claim.get(1)));

        assertThat(allocated.slice(hashOf(slice, 50)).orElseThrow())
                .extracting(RegistrySlice::state, RegistrySlice::allocationId)
                .containsExactly(SliceState.ALLOCATED, allocation);
        assertThat(claimed.slice(hashOf(slice, 50)).orElseThrow())
                .extracting(RegistrySlice::state, RegistrySlice::allocationId)
                .containsExactly(SliceState.CLAIMED, allocation);
        assertThat(consumptionSide.slice(hashOf(consumptionSlice, 50)).orElseThrow().state())
                .isEqualTo(SliceState.ALLOCATED);
        assertThat(claimed.anomalies()).isEmpty();
    }

    @Test
    void aPayloadTypeItDoesNotReadIsReportedWithItsPositionNotSkippedSilently() {
        Transaction issue = StreamFixture.issue(certificate, slice, GranularCertificateType.PRODUCTION, 100, "alice");
        Transaction withdrawal = issue.toBuilder()
                .setHeader(issue.getHeader().toBuilder().setPayloadType(WithdrawnEvent.getDescriptor().getFullName()))
                .setPayload(ByteString.EMPTY)
                .build();

        StreamState state = StreamDecoder.decode(certificate, List.of(issue, withdrawal));

        assertThat(state.anomalies()).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.position()).isEqualTo(1);
            assertThat(anomaly.description()).contains("number 2", "project_origin.electricity.v1.WithdrawnEvent",
                    "does not read");
        });
        assertThat(state.slices()).hasSize(1);
    }

    @Test
    void aTransferOfASliceTheStreamNeverHeldIsAnAnomaly() {
        StreamState state = StreamDecoder.decode(certificate, List.of(
                StreamFixture.transfer(certificate, slice, 10, "alice", "bob")));

        assertThat(state.slices()).isEmpty();
        assertThat(state.anomalies()).singleElement()
                .satisfies(anomaly -> assertThat(anomaly.description()).contains("which the stream does not hold"));
    }

    @Test
    void onlyTheIncludedPositionsAreApplied() {
        List<Transaction> stream = List.of(
                StreamFixture.issue(certificate, slice, GranularCertificateType.PRODUCTION, 100, "alice"),
                StreamFixture.transfer(certificate, slice, 100, "alice", "mallory"));

        StreamState announced = StreamDecoder.decode(certificate, stream, position -> position == 0);

        assertThat(announced.slice(hashOf(slice, 100)).orElseThrow().ownerKey())
                .isEqualTo(KEYS.ownerPublicKey("alice").getContent());
        assertThat(announced.transactions()).isEqualTo(2);
    }
}
