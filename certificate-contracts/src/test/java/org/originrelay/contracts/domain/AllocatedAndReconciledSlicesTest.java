package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.originrelay.contracts.domain.CertificateRulesTest.START;
import static org.originrelay.contracts.domain.CertificateRulesTest.reason;

/** Slices the registry holds for a claim (ALLOCATED), and slices whose quantity only the registry knows. */
class AllocatedAndReconciledSlicesTest {

    final UUID allocation = UUID.randomUUID();
    final UUID productionSlice = UUID.randomUUID();
    final UUID consumptionSlice = UUID.randomUUID();

    Certificate certificate(CertificateType type, Slice... slices) {
        long quantity = List.of(slices).stream().mapToLong(Slice::quantity).sum();
        return new Certificate(UUID.randomUUID(), type, "DK1", START, START.plusSeconds(3600), quantity, List.of(slices));
    }

    Slice allocated(UUID sliceId, UUID allocationId) {
        return new Slice(sliceId, "alice", 1000, SliceState.ALLOCATED, allocationId, true);
    }

    Claim claim(Certificate production, Certificate consumption) {
        return new Claim(UUID.randomUUID(), production.certificateId(), productionSlice, consumption.certificateId(),
                consumptionSlice, "alice");
    }

    @Test
    void anAllocatedSliceCanBeNeitherTransferredNorSliced() {
        Certificate production = certificate(CertificateType.PRODUCTION, allocated(productionSlice, allocation));
        String reason = "slice " + productionSlice + " is allocated on the registry (allocation " + allocation
                + "): only a claim of the same two slices by their owner can go on with it";

        assertThat(reason(CertificateRules.checkTransfer(Optional.of(production),
                new TransferSlice(production.certificateId(), productionSlice, "bob", "alice")))).isEqualTo(reason);
        assertThat(reason(CertificateRules.checkSlice(Optional.of(production), new SliceCertificate(
                production.certificateId(), productionSlice,
                List.of(new NewSlice(UUID.randomUUID(), 500), new NewSlice(UUID.randomUUID(), 500)), "alice"))))
                .isEqualTo(reason);
    }

    @Test
    void aClaimOfBothSlicesAllocatedToTheSameAllocationResumesIt() {
        Certificate production = certificate(CertificateType.PRODUCTION, allocated(productionSlice, allocation));
        Certificate consumption = certificate(CertificateType.CONSUMPTION, allocated(consumptionSlice, allocation));
        Claim claim = claim(production, consumption);

        assertThat(CertificateRules.checkClaim(Optional.of(production), Optional.of(consumption), claim))
                .isEqualTo(Verdict.ALLOWED);
        List<Certificate> claimed = CertificateRules.applyClaim(production, consumption, claim);
        assertThat(claimed.get(0).slice(productionSlice).orElseThrow())
                .isEqualTo(new Slice(productionSlice, "alice", 1000, SliceState.CLAIMED, allocation, true));
        assertThat(claimed.get(1).slice(consumptionSlice).orElseThrow().state()).isEqualTo(SliceState.CLAIMED);
    }

    @Test
    void aClaimOfSlicesOfDifferentAllocationsOrOfOneAllocatedSliceIsRejected() {
        Certificate production = certificate(CertificateType.PRODUCTION, allocated(productionSlice, allocation));
        Certificate otherAllocation = certificate(CertificateType.CONSUMPTION,
                allocated(consumptionSlice, UUID.randomUUID()));
        Certificate available = certificate(CertificateType.CONSUMPTION,
                new Slice(consumptionSlice, "alice", 1000, SliceState.AVAILABLE));

        assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(otherAllocation),
                claim(production, otherAllocation)))).startsWith("slice " + productionSlice + " is allocated");
        assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(available),
                claim(production, available)))).startsWith("slice " + productionSlice + " is allocated");
    }

    @Test
    void aResumedClaimStillChecksTheOwner() {
        Certificate production = certificate(CertificateType.PRODUCTION, allocated(productionSlice, allocation));
        Certificate consumption = certificate(CertificateType.CONSUMPTION, allocated(consumptionSlice, allocation));
        Claim byMallory = new Claim(UUID.randomUUID(), production.certificateId(), productionSlice,
                consumption.certificateId(), consumptionSlice, "mallory");

        assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(consumption), byMallory)))
                .isEqualTo("slice " + productionSlice + " is not owned by mallory");
    }

    @Test
    void aSliceOfUnknownQuantityIsShownButCannotBeUsed() {
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        Certificate certificate = new Certificate(UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", START,
                START.plusSeconds(3600), 1000, List.of(new Slice(known, "alice", 600, SliceState.AVAILABLE),
                        Slice.ofUnknownQuantity(unknown, "alice", SliceState.AVAILABLE, null)));

        assertThat(reason(CertificateRules.checkTransfer(Optional.of(certificate),
                new TransferSlice(certificate.certificateId(), unknown, "bob", "alice"))))
                .contains("quantity is unknown here, so it cannot be used");
        assertThat(CertificateRules.checkTransfer(Optional.of(certificate),
                new TransferSlice(certificate.certificateId(), known, "bob", "alice"))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void knownQuantitiesBesideUnknownOnesMayNotExceedTheCertificate() {
        assertThatThrownBy(() -> new Certificate(UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", START,
                START.plusSeconds(3600), 500, List.of(new Slice(UUID.randomUUID(), "alice", 600, SliceState.AVAILABLE),
                        Slice.ofUnknownQuantity(UUID.randomUUID(), "alice", SliceState.AVAILABLE, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than its quantity 500");
    }

    @Test
    void anAllocatedSliceNamesItsAllocationAndAnAvailableOneNone() {
        assertThatThrownBy(() -> new Slice(productionSlice, "alice", 10, SliceState.ALLOCATED, null, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Slice(productionSlice, "alice", 10, SliceState.AVAILABLE, allocation, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Slice(productionSlice, "alice", 10, SliceState.AVAILABLE, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSlicesMovedInANewerStateAreTheGoneTheReownedAndTheRestated() {
        UUID kept = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        UUID reowned = UUID.randomUUID();
        UUID restated = UUID.randomUUID();
        Certificate before = certificate(CertificateType.PRODUCTION, new Slice(kept, "alice", 1, SliceState.AVAILABLE),
                new Slice(gone, "alice", 1, SliceState.AVAILABLE), new Slice(reowned, "alice", 1, SliceState.AVAILABLE),
                new Slice(restated, "alice", 1, SliceState.AVAILABLE));
        Certificate after = new Certificate(before.certificateId(), before.type(), before.gridArea(), before.start(),
                before.end(), 4, List.of(new Slice(kept, "alice", 1, SliceState.AVAILABLE),
                        new Slice(UUID.randomUUID(), "alice", 1, SliceState.AVAILABLE),
                        new Slice(reowned, "external:AAAA", 1, SliceState.AVAILABLE),
                        new Slice(restated, "alice", 1, SliceState.ALLOCATED, allocation, true)));

        assertThat(before.slicesMovedIn(after)).containsExactlyInAnyOrder(gone, reowned, restated);
    }

    @Test
    void theRulesThatNeedNoStateAreTheOnesTheDoorUses() {
        Instant start = START;
        assertThat(reason(CertificateRules.checkPeriod(start, start.minusSeconds(60))))
                .isEqualTo("the period must end after it starts");
        assertThat(reason(CertificateRules.checkPeriod(start, start.plusSeconds(7200))))
                .isEqualTo("the period must last between 1 minute and 1 hour, not 2h");
        assertThat(CertificateRules.checkPeriod(start, start.plusSeconds(60))).isEqualTo(Verdict.ALLOWED);
        assertThat(reason(CertificateRules.checkQuantity(0))).isEqualTo("the quantity must be positive, got 0");
        assertThat(reason(CertificateRules.checkNewQuantities(List.of(1000L))))
                .isEqualTo("a slice is cut into at least two new slices, got 1");
        assertThat(reason(CertificateRules.checkNewQuantities(List.of(1000L, 0L))))
                .isEqualTo("every new slice needs a positive quantity, got 0");
        assertThat(CertificateRules.checkNewQuantities(List.of(1L, 2L))).isEqualTo(Verdict.ALLOWED);
        assertThat(reason(CertificateRules.checkReceiver("alice", "alice")))
                .isEqualTo("the receiver must differ from the requester");
        assertThat(CertificateRules.checkReceiver("bob", "alice")).isEqualTo(Verdict.ALLOWED);
    }
}
