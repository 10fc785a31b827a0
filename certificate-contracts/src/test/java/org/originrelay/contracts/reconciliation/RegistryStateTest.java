package org.originrelay.contracts.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryStateTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    final UUID certificateId = UUID.randomUUID();
    final UUID allocation = UUID.randomUUID();

    @Test
    void theRegistrysSlicesReplaceTheViewsAndUnknownQuantitiesAreFlaggedNotGuessed() {
        UUID ours = UUID.randomUUID();
        var reconciled = new CertificateReconciled(UUID.randomUUID(), certificateId, "operator", 3,
                CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600), 1000L, List.of(
                        new ReconciledSlice(ours, "aGFzaDE=", "alice", 600L, true, SliceState.ALLOCATED, allocation),
                        new ReconciledSlice(null, "aGFzaDI=", "external:AbC", null, false, SliceState.AVAILABLE, null)),
                List.of("slice … moved"));

        Certificate certificate = RegistryState.certificateOf(reconciled, Optional.empty());

        assertThat(certificate.quantity()).isEqualTo(1000);
        assertThat(certificate.slices()).containsExactly(
                new Slice(ours, "alice", 600, SliceState.ALLOCATED, allocation, true),
                Slice.ofUnknownQuantity(RegistryState.sliceIdOf(reconciled.slices().get(1)), "external:AbC",
                        SliceState.AVAILABLE, null));
        assertThat(RegistryState.sliceIdOf(reconciled.slices().get(1)))
                .isEqualTo(RegistryState.sliceIdOf(new ReconciledSlice(null, "aGFzaDI=", "x", 1L, true,
                        SliceState.CLAIMED, null)));
    }

    @Test
    void factsTheEventLeavesOutComeFromTheViewAndWithoutEitherNothingIsGuessed() {
        UUID slice = UUID.randomUUID();
        Certificate known = new Certificate(certificateId, CertificateType.CONSUMPTION, "DK2", START,
                START.plusSeconds(60), 10, List.of(new Slice(slice, "alice", 10, SliceState.AVAILABLE)));
        var reconciled = new CertificateReconciled(UUID.randomUUID(), certificateId, "sweep", 2, null, null, null,
                null, null, List.of(new ReconciledSlice(slice, "aA==", "bob", 10L, true, SliceState.AVAILABLE, null)),
                List.of());

        assertThat(RegistryState.certificateOf(reconciled, Optional.of(known)).slices())
                .containsExactly(new Slice(slice, "bob", 10, SliceState.AVAILABLE));
        assertThat(RegistryState.certificateOf(reconciled, Optional.of(known)).gridArea()).isEqualTo("DK2");
        assertThatThrownBy(() -> RegistryState.certificateOf(reconciled, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJsonFormReadsBackAndRefusesOtherTypesAndVersions() {
        var reconciled = new CertificateReconciled(UUID.randomUUID(), certificateId, "command", 4,
                CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600), 5L,
                List.of(new ReconciledSlice(UUID.randomUUID(), "aA==", "alice", 5L, true, SliceState.CLAIMED, allocation)),
                List.of());
        byte[] body = CertificateReconciledJson.write(reconciled);

        assertThat(CertificateReconciledJson.read("CertificateReconciled", 1, body)).isEqualTo(reconciled);
        assertThatThrownBy(() -> CertificateReconciledJson.read("CertificateReconciled", 2, body))
                .isInstanceOf(org.originrelay.contracts.events.ContractViolation.class);
        assertThatThrownBy(() -> CertificateReconciledJson.read("TransferSliceRequested", 1, body))
                .isInstanceOf(org.originrelay.contracts.events.ContractViolation.class);
    }
}
