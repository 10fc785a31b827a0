package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateRulesTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    static IssueCertificate issue(CertificateType type, String gridArea, Instant start, Instant end, long quantity,
            String owner) {
        return new IssueCertificate(UUID.randomUUID(), UUID.randomUUID(), type, gridArea, start, end, quantity, owner);
    }

    static IssueCertificate anIssue() {
        return issue(CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600), 1000, "alice");
    }

    static String reason(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Violation.class);
        return ((Verdict.Violation) verdict).reason();
    }

    @Nested
    class Issuing {

        @Test
        void aCertificateOfOneHourIsAllowedAndStartsAsOneSliceOfItsOwner() {
            IssueCertificate command = anIssue();

            assertThat(CertificateRules.checkIssue(Optional.empty(), command)).isEqualTo(Verdict.ALLOWED);
            Certificate certificate = Certificate.issue(command);
            assertThat(certificate.slices()).containsExactly(
                    new Slice(command.sliceId(), "alice", 1000, SliceState.AVAILABLE));
        }

        @Test
        void theCertificateIdMustBeNew() {
            IssueCertificate command = anIssue();

            assertThat(reason(CertificateRules.checkIssue(Optional.of(Certificate.issue(command)), command)))
                    .isEqualTo("certificate " + command.certificateId() + " already exists");
        }

        @Test
        void thePeriodMustEndAfterItStarts() {
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, "DK1", START, START, 1000, "alice"))))
                    .isEqualTo("the period must end after it starts");
        }

        @Test
        void thePeriodLastsBetweenAMinuteAndAnHour() {
            assertThat(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(60), 1, "alice")))
                    .isEqualTo(Verdict.ALLOWED);
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(59), 1, "alice"))))
                    .isEqualTo("the period must last between 1 minute and 1 hour, not 59s");
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3601), 1, "alice"))))
                    .isEqualTo("the period must last between 1 minute and 1 hour, not 1h1s");
        }

        @Test
        void theQuantityMustBePositiveAndGridAreaAndOwnerGiven() {
            Instant end = START.plusSeconds(600);
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, "DK1", START, end, 0, "alice"))))
                    .isEqualTo("the quantity must be positive, got 0");
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, " ", START, end, 5, "alice"))))
                    .isEqualTo("the grid area is required");
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(CertificateType.PRODUCTION, "DK1", START, end, 5, ""))))
                    .isEqualTo("the owner is required");
            assertThat(reason(CertificateRules.checkIssue(Optional.empty(),
                    issue(null, "DK1", START, end, 5, "alice"))))
                    .isEqualTo("the certificate type is required (PRODUCTION or CONSUMPTION)");
        }
    }

    @Nested
    class Transferring {

        final Certificate certificate = Certificate.issue(anIssue());
        final UUID slice = certificate.slices().getFirst().sliceId();

        @Test
        void theOwnerMayGiveTheWholeSliceToSomeoneElse() {
            var command = new TransferSlice(certificate.certificateId(), slice, "bob", "alice");

            assertThat(CertificateRules.checkTransfer(Optional.of(certificate), command)).isEqualTo(Verdict.ALLOWED);
            assertThat(certificate.transfer(slice, "bob").slice(slice)).contains(
                    new Slice(slice, "bob", 1000, SliceState.AVAILABLE));
        }

        @Test
        void anUnknownCertificateOrSliceIsRejected() {
            UUID unknown = UUID.randomUUID();

            assertThat(reason(CertificateRules.checkTransfer(Optional.empty(),
                    new TransferSlice(certificate.certificateId(), slice, "bob", null))))
                    .isEqualTo("slice " + slice + " does not exist on certificate " + certificate.certificateId());
            assertThat(reason(CertificateRules.checkTransfer(Optional.of(certificate),
                    new TransferSlice(certificate.certificateId(), unknown, "bob", null))))
                    .isEqualTo("slice " + unknown + " does not exist on certificate " + certificate.certificateId());
        }

        @Test
        void onlyTheOwnerMayTransferAndNotToThemselves() {
            assertThat(reason(CertificateRules.checkTransfer(Optional.of(certificate),
                    new TransferSlice(certificate.certificateId(), slice, "bob", "carol"))))
                    .isEqualTo("slice " + slice + " is not owned by carol");
            assertThat(reason(CertificateRules.checkTransfer(Optional.of(certificate),
                    new TransferSlice(certificate.certificateId(), slice, "alice", null))))
                    .isEqualTo("the receiver must differ from the owner (alice)");
            assertThat(reason(CertificateRules.checkTransfer(Optional.of(certificate),
                    new TransferSlice(certificate.certificateId(), slice, " ", null))))
                    .isEqualTo("the receiver is required");
        }

        @Test
        void aClaimedSliceCannotMove() {
            Certificate claimed = certificate.claimSlice(slice);

            assertThat(reason(CertificateRules.checkTransfer(Optional.of(claimed),
                    new TransferSlice(certificate.certificateId(), slice, "bob", null))))
                    .isEqualTo("slice " + slice + " is already claimed");
        }
    }

    @Nested
    class Slicing {

        final Certificate certificate = Certificate.issue(anIssue());
        final UUID slice = certificate.slices().getFirst().sliceId();

        SliceCertificate cut(long... quantities) {
            return new SliceCertificate(certificate.certificateId(), slice,
                    java.util.Arrays.stream(quantities).mapToObj(q -> new NewSlice(UUID.randomUUID(), q)).toList(),
                    "alice");
        }

        @Test
        void aSliceIsCutIntoPartsOfTheSameOwnerThatAddUp() {
            SliceCertificate command = cut(600, 400);

            assertThat(CertificateRules.checkSlice(Optional.of(certificate), command)).isEqualTo(Verdict.ALLOWED);
            Certificate sliced = certificate.slice(slice, command.newSlices());
            assertThat(sliced.slice(slice)).isEmpty();
            assertThat(sliced.slices()).extracting(Slice::owner, Slice::quantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", 600L),
                            org.assertj.core.groups.Tuple.tuple("alice", 400L));
        }

        @Test
        void quantitiesMustBePositiveAndAddUpExactly() {
            assertThat(reason(CertificateRules.checkSlice(Optional.of(certificate), cut(600, 300))))
                    .isEqualTo("quantities must sum to 1000 (the source slice), got 900");
            assertThat(reason(CertificateRules.checkSlice(Optional.of(certificate), cut(1100, -100))))
                    .isEqualTo("every new slice needs a positive quantity");
            assertThat(reason(CertificateRules.checkSlice(Optional.of(certificate), cut(1000))))
                    .isEqualTo("a slice is cut into at least two new slices, got 1");
        }

        @Test
        void newSliceIdsMustBeNew() {
            UUID same = UUID.randomUUID();
            var command = new SliceCertificate(certificate.certificateId(), slice,
                    List.of(new NewSlice(same, 500), new NewSlice(same, 500)), null);

            assertThat(reason(CertificateRules.checkSlice(Optional.of(certificate), command)))
                    .isEqualTo("new slice id " + same + " is not new");
        }
    }

    @Nested
    class Claiming {

        final Certificate production = Certificate.issue(anIssue());
        final Certificate consumption = Certificate.issue(issue(CertificateType.CONSUMPTION, "DK1",
                START.plusSeconds(1800), START.plusSeconds(5400), 1000, "alice"));

        Claim claim(Certificate productionCertificate, Certificate consumptionCertificate, String requestedBy) {
            return new Claim(UUID.randomUUID(), productionCertificate.certificateId(),
                    productionCertificate.slices().getFirst().sliceId(), consumptionCertificate.certificateId(),
                    consumptionCertificate.slices().getFirst().sliceId(), requestedBy);
        }

        @Test
        void matchingSlicesAreClaimedTogether() {
            Claim command = claim(production, consumption, "alice");

            assertThat(CertificateRules.checkClaim(Optional.of(production), Optional.of(consumption), command))
                    .isEqualTo(Verdict.ALLOWED);
            List<Certificate> claimed = CertificateRules.applyClaim(production, consumption, command);
            assertThat(claimed).flatExtracting(Certificate::slices).extracting(Slice::state)
                    .containsOnly(SliceState.CLAIMED);
        }

        @Test
        void typesOwnersQuantitiesGridAreasAndPeriodsMustMatch() {
            assertThat(reason(CertificateRules.checkClaim(Optional.of(consumption), Optional.of(production),
                    claim(consumption, production, null)))).contains("is not a production certificate");
            Certificate bobs = production.transfer(production.slices().getFirst().sliceId(), "bob");
            assertThat(reason(CertificateRules.checkClaim(Optional.of(bobs), Optional.of(consumption),
                    claim(bobs, consumption, null)))).isEqualTo("both slices must have the same owner, not bob and alice");
            Certificate smaller = Certificate.issue(issue(CertificateType.CONSUMPTION, "DK1", START,
                    START.plusSeconds(600), 999, "alice"));
            assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(smaller),
                    claim(production, smaller, null)))).isEqualTo("both slices must have the same quantity, not 1000 and 999");
            Certificate elsewhere = Certificate.issue(issue(CertificateType.CONSUMPTION, "DK2", START,
                    START.plusSeconds(600), 1000, "alice"));
            assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(elsewhere),
                    claim(production, elsewhere, null)))).isEqualTo("both certificates must be of the same grid area, not DK1 and DK2");
            Certificate later = Certificate.issue(issue(CertificateType.CONSUMPTION, "DK1", START.plusSeconds(3600),
                    START.plusSeconds(7200), 1000, "alice"));
            assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(later),
                    claim(production, later, null)))).isEqualTo("the production and consumption periods do not overlap");
        }

        @Test
        void onlyTheOwnerClaimsAndAClaimedSliceCannotBeClaimedAgain() {
            assertThat(reason(CertificateRules.checkClaim(Optional.of(production), Optional.of(consumption),
                    claim(production, consumption, "mallory")))).endsWith("is not owned by mallory");
            Claim first = claim(production, consumption, "alice");
            List<Certificate> claimed = CertificateRules.applyClaim(production, consumption, first);
            assertThat(reason(CertificateRules.checkClaim(Optional.of(claimed.get(0)), Optional.of(claimed.get(1)),
                    first))).endsWith("is already claimed");
        }
    }

    @Test
    void aCertificateWhoseSlicesDoNotAddUpCannotExist() {
        assertThatThrownBy(() -> new Certificate(UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", START,
                START.plusSeconds(60), 1000, List.of(new Slice(UUID.randomUUID(), "alice", 999, SliceState.AVAILABLE))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("add up to 999");
    }

    @Test
    void applyingAChangeToAnUnknownSliceIsABug() {
        Certificate certificate = Certificate.issue(anIssue());

        assertThatThrownBy(() -> certificate.transfer(UUID.randomUUID(), "bob"))
                .isInstanceOf(IllegalStateException.class);
    }
}
