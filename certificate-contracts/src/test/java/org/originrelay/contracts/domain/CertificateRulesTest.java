package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.originrelay.contracts.domain.CertificateType.CONSUMPTION;
import static org.originrelay.contracts.domain.CertificateType.PRODUCTION;

class CertificateRulesTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    static IssueCertificate issue(CertificateType type, String gridArea, Instant start, Instant end, long quantity,
            String owner) {
        return new IssueCertificate(UUID.randomUUID(), UUID.randomUUID(), type, gridArea, start, end, quantity, owner);
    }

    static IssueCertificate lasting(long seconds) {
        return issue(PRODUCTION, "DK1", START, START.plusSeconds(seconds), 1000, "alice");
    }

    static IssueCertificate anIssue() {
        return lasting(3600);
    }

    static String reason(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Violation.class);
        return ((Verdict.Violation) verdict).reason();
    }

    @Nested
    class Issuing {

        String reasonFor(IssueCertificate command) {
            return reason(CertificateRules.checkIssue(Optional.empty(), command));
        }

        @Test
        void aCertificateIsIssuedAsOneAvailableSliceOfItsOwner() {
            IssueCertificate command = anIssue();

            assertThat(CertificateRules.checkIssue(Optional.empty(), command)).isEqualTo(Verdict.ALLOWED);
            Certificate certificate = Certificate.issue(command);
            assertThat(certificate.slices()).containsExactly(
                    new Slice(command.sliceId(), "alice", 1000, SliceState.AVAILABLE));
            assertThat(certificate.quantity()).isEqualTo(1000);
        }

        @Test
        void periodsOfExactlyOneMinuteAndOneHourAreAllowed() {
            assertThat(CertificateRules.checkIssue(lasting(60))).isEqualTo(Verdict.ALLOWED);
            assertThat(CertificateRules.checkIssue(lasting(3600))).isEqualTo(Verdict.ALLOWED);
        }

        @Test
        void theCertificateIdMustBeNew() {
            IssueCertificate command = anIssue();

            assertThat(reason(CertificateRules.checkIssue(Optional.of(Certificate.issue(command)), command)))
                    .isEqualTo("certificate " + command.certificateId() + " already exists");
        }

        @Test
        void theSliceIdMustBeUnusedOnEveryCertificate() {
            IssueCertificate command = anIssue();

            assertThat(reason(CertificateRules.checkIssue(Optional.empty(), command.sliceId()::equals, command)))
                    .isEqualTo("slice id " + command.sliceId() + " is already in use");
        }

        @Test
        void theCertificateIdIsRequired() {
            assertThat(reasonFor(new IssueCertificate(null, UUID.randomUUID(), PRODUCTION, "DK1", START,
                    START.plusSeconds(60), 1, "alice"))).isEqualTo("the certificate id is required");
        }

        @Test
        void theSliceIdIsRequired() {
            assertThat(reasonFor(new IssueCertificate(UUID.randomUUID(), null, PRODUCTION, "DK1", START,
                    START.plusSeconds(60), 1, "alice"))).isEqualTo("the slice id is required");
        }

        @Test
        void theTypeIsRequired() {
            assertThat(reasonFor(issue(null, "DK1", START, START.plusSeconds(60), 1, "alice")))
                    .isEqualTo("the certificate type is required (PRODUCTION or CONSUMPTION)");
        }

        @Test
        void thePeriodNeedsAStartAndAnEnd() {
            assertThat(reasonFor(issue(PRODUCTION, "DK1", null, START, 1, "alice")))
                    .isEqualTo("the period needs a start and an end");
            assertThat(reasonFor(issue(PRODUCTION, "DK1", START, null, 1, "alice")))
                    .isEqualTo("the period needs a start and an end");
        }

        @Test
        void thePeriodMustEndAfterItStarts() {
            assertThat(reasonFor(lasting(0))).isEqualTo("the period must end after it starts");
            assertThat(reasonFor(lasting(-60))).isEqualTo("the period must end after it starts");
        }

        @Test
        void thePeriodMustLastAtLeastAMinute() {
            assertThat(reasonFor(lasting(59)))
                    .isEqualTo("the period must last between 1 minute and 1 hour, not 59s");
        }

        @Test
        void thePeriodMustLastAtMostAnHour() {
            assertThat(reasonFor(lasting(3601)))
                    .isEqualTo("the period must last between 1 minute and 1 hour, not 1h1s");
        }

        @Test
        void theQuantityMustBePositive() {
            assertThat(reasonFor(issue(PRODUCTION, "DK1", START, START.plusSeconds(60), 0, "alice")))
                    .isEqualTo("the quantity must be positive, got 0");
            assertThat(reasonFor(issue(PRODUCTION, "DK1", START, START.plusSeconds(60), -5, "alice")))
                    .isEqualTo("the quantity must be positive, got -5");
        }

        @Test
        void theGridAreaIsRequired() {
            assertThat(reasonFor(issue(PRODUCTION, " ", START, START.plusSeconds(60), 5, "alice")))
                    .isEqualTo("the grid area is required");
            assertThat(reasonFor(issue(PRODUCTION, null, START, START.plusSeconds(60), 5, "alice")))
                    .isEqualTo("the grid area is required");
        }

        @Test
        void theOwnerIsRequired() {
            assertThat(reasonFor(issue(PRODUCTION, "DK1", START, START.plusSeconds(60), 5, "")))
                    .isEqualTo("the owner is required");
            assertThat(reasonFor(issue(PRODUCTION, "DK1", START, START.plusSeconds(60), 5, null)))
                    .isEqualTo("the owner is required");
        }

        @Test
        void issuingACertificateTheRulesForbidIsABug() {
            assertThatThrownBy(() -> Certificate.issue(lasting(7200)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a change the rules forbid was applied: "
                            + "the period must last between 1 minute and 1 hour, not 2h");
        }
    }

    @Nested
    class Transferring {

        final Certificate certificate = Certificate.issue(anIssue());
        final UUID id = certificate.certificateId();
        final UUID slice = certificate.slices().getFirst().sliceId();

        String reasonFor(Certificate known, TransferSlice command) {
            return reason(CertificateRules.checkTransfer(Optional.of(known), command));
        }

        @Test
        void theOwnerMayGiveTheWholeSliceToSomeoneElse() {
            var command = new TransferSlice(id, slice, "bob", "alice");

            assertThat(CertificateRules.checkTransfer(Optional.of(certificate), command)).isEqualTo(Verdict.ALLOWED);
            assertThat(certificate.transfer(slice, "bob").slices()).containsExactly(
                    new Slice(slice, "bob", 1000, SliceState.AVAILABLE));
        }

        @Test
        void withoutARequesterOwnershipIsNotChecked() {
            assertThat(CertificateRules.checkTransfer(Optional.of(certificate), new TransferSlice(id, slice, "bob", null)))
                    .isEqualTo(Verdict.ALLOWED);
        }

        @Test
        void anUnknownCertificateIsRejected() {
            assertThat(reason(CertificateRules.checkTransfer(Optional.empty(), new TransferSlice(id, slice, "bob", null))))
                    .isEqualTo("slice " + slice + " does not exist on certificate " + id);
        }

        @Test
        void anUnknownSliceIsRejected() {
            UUID unknown = UUID.randomUUID();

            assertThat(reasonFor(certificate, new TransferSlice(id, unknown, "bob", null)))
                    .isEqualTo("slice " + unknown + " does not exist on certificate " + id);
        }

        @Test
        void aSliceOfAnotherCertificateThanTheNamedOneIsUnknown() {
            UUID named = UUID.randomUUID();

            assertThat(reasonFor(certificate, new TransferSlice(named, slice, "bob", null)))
                    .isEqualTo("slice " + slice + " does not exist on certificate " + named);
        }

        @Test
        void aClaimedSliceCannotMove() {
            assertThat(reasonFor(certificate.claimSlice(slice), new TransferSlice(id, slice, "bob", null)))
                    .isEqualTo("slice " + slice + " is already claimed");
        }

        @Test
        void onlyTheOwnerMayTransfer() {
            assertThat(reasonFor(certificate, new TransferSlice(id, slice, "bob", "carol")))
                    .isEqualTo("slice " + slice + " is not owned by carol");
        }

        @Test
        void theReceiverIsRequired() {
            assertThat(reasonFor(certificate, new TransferSlice(id, slice, " ", null)))
                    .isEqualTo("the receiver is required");
            assertThat(reasonFor(certificate, new TransferSlice(id, slice, null, null)))
                    .isEqualTo("the receiver is required");
        }

        @Test
        void theReceiverMustDifferFromTheOwner() {
            assertThat(reasonFor(certificate, new TransferSlice(id, slice, "alice", null)))
                    .isEqualTo("the receiver must differ from the slice's owner");
        }

        @Test
        void theReceiverMustDifferFromTheRequester() {
            assertThat(reasonFor(certificate, new TransferSlice(id, slice, "alice", "alice")))
                    .isEqualTo("the receiver must differ from the requester");
        }

        @Test
        void applyingATransferTheRulesForbidIsABug() {
            Certificate claimed = certificate.claimSlice(slice);

            assertThatThrownBy(() -> claimed.transfer(slice, "bob"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a change the rules forbid was applied: slice " + slice + " is already claimed");
        }
    }

    @Nested
    class Slicing {

        final Certificate certificate = Certificate.issue(anIssue());
        final UUID id = certificate.certificateId();
        final UUID slice = certificate.slices().getFirst().sliceId();

        SliceCertificate cut(long... quantities) {
            return new SliceCertificate(id, slice,
                    Arrays.stream(quantities).mapToObj(quantity -> new NewSlice(UUID.randomUUID(), quantity)).toList(),
                    "alice");
        }

        SliceCertificate cutInto(NewSlice... parts) {
            return new SliceCertificate(id, slice, List.of(parts), null);
        }

        String reasonFor(Certificate known, SliceCertificate command) {
            return reason(CertificateRules.checkSlice(Optional.of(known), command));
        }

        @Test
        void aSliceIsCutIntoAvailablePartsOfTheSameOwnerThatAddUp() {
            SliceCertificate command = cut(600, 400);

            assertThat(CertificateRules.checkSlice(Optional.of(certificate), command)).isEqualTo(Verdict.ALLOWED);
            Certificate sliced = certificate.slice(slice, command.newSlices());
            assertThat(sliced.slice(slice)).isEmpty();
            assertThat(sliced.slices()).extracting(Slice::sliceId, Slice::owner, Slice::quantity, Slice::state)
                    .containsExactly(
                            tuple(command.newSlices().get(0).sliceId(), "alice", 600L, SliceState.AVAILABLE),
                            tuple(command.newSlices().get(1).sliceId(), "alice", 400L, SliceState.AVAILABLE));
        }

        @Test
        void anUnknownSliceIsRejected() {
            assertThat(reason(CertificateRules.checkSlice(Optional.empty(), cut(600, 400))))
                    .isEqualTo("slice " + slice + " does not exist on certificate " + id);
        }

        @Test
        void aClaimedSliceCannotBeCut() {
            assertThat(reasonFor(certificate.claimSlice(slice), cut(600, 400)))
                    .isEqualTo("slice " + slice + " is already claimed");
        }

        @Test
        void onlyTheOwnerMayCut() {
            SliceCertificate byBob = new SliceCertificate(id, slice, cut(600, 400).newSlices(), "bob");

            assertThat(reasonFor(certificate, byBob)).isEqualTo("slice " + slice + " is not owned by bob");
        }

        @Test
        void aSliceIsCutIntoAtLeastTwo() {
            assertThat(reasonFor(certificate, cut(1000))).isEqualTo("a slice is cut into at least two new slices, got 1");
        }

        @Test
        void everyNewSliceNeedsAnId() {
            assertThat(reasonFor(certificate, cutInto(new NewSlice(null, 500), new NewSlice(UUID.randomUUID(), 500))))
                    .isEqualTo("every new slice needs an id");
        }

        @Test
        void everyNewSliceNeedsAPositiveQuantity() {
            SliceCertificate command = cut(1100, -100);

            assertThat(reasonFor(certificate, command)).isEqualTo("every new slice needs a positive quantity, got -100");
        }

        @Test
        void quantitiesMustAddUpToTheSourceSlice() {
            assertThat(reasonFor(certificate, cut(600, 300)))
                    .isEqualTo("quantities must sum to 1000 (the source slice), got 900");
            assertThat(reasonFor(certificate, cut(600, 401)))
                    .isEqualTo("quantities must sum to 1000 (the source slice), got 1001");
        }

        @Test
        void quantitiesThatOnlyAddUpWhenALongWrapsAroundAreRejected() {
            assertThat(reasonFor(certificate, cut(Long.MAX_VALUE, Long.MAX_VALUE, 1002)))
                    .isEqualTo("quantities must sum to 1000 (the source slice), got 18446744073709552616");
        }

        @Test
        void newSliceIdsMustDiffer() {
            UUID same = UUID.randomUUID();

            assertThat(reasonFor(certificate, cutInto(new NewSlice(same, 500), new NewSlice(same, 500))))
                    .isEqualTo("new slice id " + same + " is given twice");
        }

        @Test
        void newSliceIdsMustNotBeOnTheCertificate() {
            assertThat(reasonFor(certificate, cutInto(new NewSlice(slice, 500), new NewSlice(UUID.randomUUID(), 500))))
                    .isEqualTo("slice id " + slice + " is already in use");
        }

        @Test
        void newSliceIdsMustNotBeUsedOnAnyCertificate() {
            UUID elsewhere = UUID.randomUUID();
            SliceCertificate command = cutInto(new NewSlice(UUID.randomUUID(), 500), new NewSlice(elsewhere, 500));

            assertThat(CertificateRules.checkSlice(Optional.of(certificate), command)).isEqualTo(Verdict.ALLOWED);
            assertThat(reason(CertificateRules.checkSlice(Optional.of(certificate), elsewhere::equals, command)))
                    .isEqualTo("slice id " + elsewhere + " is already in use");
        }

        @Test
        void applyingACutTheRulesForbidIsABug() {
            assertThatThrownBy(() -> certificate.slice(slice, cut(600, 300).newSlices()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a change the rules forbid was applied: "
                            + "quantities must sum to 1000 (the source slice), got 900");
        }
    }

    @Nested
    class Claiming {

        final Certificate production = Certificate.issue(anIssue());
        final Certificate consumption = Certificate.issue(issue(CONSUMPTION, "DK1",
                START.plusSeconds(1800), START.plusSeconds(5400), 1000, "alice"));
        final UUID productionSlice = production.slices().getFirst().sliceId();
        final UUID consumptionSlice = consumption.slices().getFirst().sliceId();

        Claim claim(Certificate productionCertificate, Certificate consumptionCertificate, String requestedBy) {
            return new Claim(UUID.randomUUID(), productionCertificate.certificateId(),
                    productionCertificate.slices().getFirst().sliceId(), consumptionCertificate.certificateId(),
                    consumptionCertificate.slices().getFirst().sliceId(), requestedBy);
        }

        String reasonFor(Certificate productionCertificate, Certificate consumptionCertificate) {
            return reasonFor(productionCertificate, consumptionCertificate, null);
        }

        String reasonFor(Certificate productionCertificate, Certificate consumptionCertificate, String requestedBy) {
            return reason(CertificateRules.checkClaim(Optional.of(productionCertificate),
                    Optional.of(consumptionCertificate), claim(productionCertificate, consumptionCertificate,
                            requestedBy)));
        }

        Certificate consumption(String gridArea, long startSecond, long endSecond, long quantity) {
            return Certificate.issue(issue(CONSUMPTION, gridArea, START.plusSeconds(startSecond),
                    START.plusSeconds(endSecond), quantity, "alice"));
        }

        @Test
        void matchingSlicesOfTheOwnerAreClaimedTogether() {
            Claim command = claim(production, consumption, "alice");

            assertThat(CertificateRules.checkClaim(Optional.of(production), Optional.of(consumption), command))
                    .isEqualTo(Verdict.ALLOWED);
            List<Certificate> claimed = CertificateRules.applyClaim(production, consumption, command);
            assertThat(claimed).extracting(Certificate::certificateId)
                    .containsExactly(production.certificateId(), consumption.certificateId());
            assertThat(claimed).flatExtracting(Certificate::slices).extracting(Slice::state)
                    .containsExactly(SliceState.CLAIMED, SliceState.CLAIMED);
        }

        @Test
        void withoutARequesterOwnershipIsNotChecked() {
            assertThat(CertificateRules.checkClaim(Optional.of(production), Optional.of(consumption),
                    claim(production, consumption, null))).isEqualTo(Verdict.ALLOWED);
        }

        @Test
        void anUnknownProductionSliceIsRejected() {
            Claim command = claim(production, consumption, null);

            assertThat(reason(CertificateRules.checkClaim(Optional.empty(), Optional.of(consumption), command)))
                    .isEqualTo("slice " + productionSlice + " does not exist on certificate "
                            + production.certificateId());
        }

        @Test
        void anUnknownConsumptionSliceIsRejected() {
            Claim command = claim(production, consumption, null);

            assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.empty(), command)))
                    .isEqualTo("slice " + consumptionSlice + " does not exist on certificate "
                            + consumption.certificateId());
        }

        @Test
        void theProductionSideMustBeAProductionCertificate() {
            Certificate otherConsumption = consumption("DK1", 0, 3600, 1000);

            assertThat(reasonFor(otherConsumption, consumption))
                    .isEqualTo("certificate " + otherConsumption.certificateId() + " is not a production certificate");
        }

        @Test
        void theConsumptionSideMustBeAConsumptionCertificate() {
            Certificate otherProduction = Certificate.issue(anIssue());

            assertThat(reasonFor(production, otherProduction))
                    .isEqualTo("certificate " + otherProduction.certificateId() + " is not a consumption certificate");
        }

        @Test
        void aClaimedSliceCannotBeClaimedAgain() {
            assertThat(reasonFor(production.claimSlice(productionSlice), consumption))
                    .isEqualTo("slice " + productionSlice + " is already claimed");
            assertThat(reasonFor(production, consumption.claimSlice(consumptionSlice)))
                    .isEqualTo("slice " + consumptionSlice + " is already claimed");
        }

        @Test
        void onlyTheOwnerMayClaim() {
            assertThat(reasonFor(production, consumption, "mallory"))
                    .isEqualTo("slice " + productionSlice + " is not owned by mallory");
        }

        @Test
        void bothSlicesMustHaveTheSameOwner() {
            assertThat(reasonFor(production.transfer(productionSlice, "bob"), consumption))
                    .isEqualTo("both slices must have the same owner");
        }

        @Test
        void bothSlicesMustHaveTheSameQuantity() {
            assertThat(reasonFor(production, consumption("DK1", 0, 600, 999)))
                    .isEqualTo("both slices must have the same quantity, not 1000 and 999");
        }

        @Test
        void bothCertificatesMustBeOfTheSameGridArea() {
            assertThat(reasonFor(production, consumption("DK2", 0, 600, 1000)))
                    .isEqualTo("both certificates must be of the same grid area, not DK1 and DK2");
        }

        @Test
        void thePeriodsMustOverlap() {
            assertThat(reasonFor(production, consumption("DK1", 3600, 7200, 1000)))
                    .isEqualTo("the production and consumption periods do not overlap");
            assertThat(reasonFor(production, consumption("DK1", -600, 0, 1000)))
                    .isEqualTo("the production and consumption periods do not overlap");
        }

        @Test
        void applyingAClaimDoesNotRecheckTheRequesterTheRegistryAccepted() {
            assertThat(CertificateRules.applyClaim(production, consumption, claim(production, consumption, "mallory")))
                    .flatExtracting(Certificate::slices).extracting(Slice::state)
                    .containsOnly(SliceState.CLAIMED);
        }

        @Test
        void applyingAClaimTheRulesForbidIsABug() {
            Certificate elsewhere = consumption("DK2", 0, 600, 1000);

            assertThatThrownBy(() -> CertificateRules.applyClaim(production, elsewhere,
                    claim(production, elsewhere, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a change the rules forbid was applied: "
                            + "both certificates must be of the same grid area, not DK1 and DK2");
        }
    }

    @Nested
    class Invariants {

        final UUID id = UUID.randomUUID();

        Certificate certificate(long quantity, Slice... slices) {
            return new Certificate(id, PRODUCTION, "DK1", START, START.plusSeconds(60), quantity, List.of(slices));
        }

        Slice slice(UUID sliceId, long quantity) {
            return new Slice(sliceId, "alice", quantity, SliceState.AVAILABLE);
        }

        @Test
        void theSlicesMustAddUpToTheCertificatesQuantity() {
            assertThatThrownBy(() -> certificate(1000, slice(UUID.randomUUID(), 999)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("slices of certificate " + id + " add up to 999, not its quantity 1000");
        }

        @Test
        void noSliceIdAppearsTwice() {
            UUID twice = UUID.randomUUID();

            assertThatThrownBy(() -> certificate(1000, slice(twice, 500), slice(twice, 500)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("certificate " + id + " has a slice id twice");
        }

        @Test
        void aSliceHasAPositiveQuantityAndAnOwner() {
            assertThatThrownBy(() -> slice(UUID.randomUUID(), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a slice's quantity must be positive, got 0");
            UUID sliceId = UUID.randomUUID();
            assertThatThrownBy(() -> new Slice(sliceId, " ", 5, SliceState.AVAILABLE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("slice " + sliceId + " needs an owner");
        }

        @Test
        void aCertificateCannotBeChangedInPlace() {
            Certificate certificate = certificate(1000, slice(UUID.randomUUID(), 1000));

            assertThatThrownBy(() -> certificate.slices().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
