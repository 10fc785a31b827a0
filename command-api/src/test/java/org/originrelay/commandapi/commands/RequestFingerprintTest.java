package org.originrelay.commandapi.commands;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    private static final UUID CERTIFICATE = UUID.randomUUID();
    private static final UUID SLICE = UUID.randomUUID();

    @Test
    void equalRequestsHaveEqualFingerprints() {
        assertThat(RequestFingerprint.of(issue(1000L))).isEqualTo(RequestFingerprint.of(issue(1000L)))
                .hasSize(64);
        assertThat(RequestFingerprint.of(new SliceCertificateRequest(CERTIFICATE, SLICE, List.of(600L, 400L))))
                .isEqualTo(RequestFingerprint.of(new SliceCertificateRequest(CERTIFICATE, SLICE, List.of(600L, 400L))));
    }

    @Test
    void anyDifferenceInAFieldChangesTheFingerprint() {
        assertThat(RequestFingerprint.of(issue(1000L))).isNotEqualTo(RequestFingerprint.of(issue(999L)));
        assertThat(RequestFingerprint.of(new SliceCertificateRequest(CERTIFICATE, SLICE, List.of(600L, 400L))))
                .isNotEqualTo(RequestFingerprint.of(new SliceCertificateRequest(CERTIFICATE, SLICE,
                        List.of(400L, 600L))));
    }

    @Test
    void theSameFieldsForAnotherCommandHaveAnotherFingerprint() {
        UUID id = UUID.randomUUID();
        ClaimRequest claim = new ClaimRequest(id, id, id, id);
        TransferSliceRequest transfer = new TransferSliceRequest(CERTIFICATE, SLICE, "bob");

        assertThat(RequestFingerprint.of(claim)).isNotEqualTo(RequestFingerprint.of(transfer));
        assertThat(RequestFingerprint.of(transfer)).doesNotContain("bob");
    }

    private static IssueCertificateRequest issue(long quantity) {
        return new IssueCertificateRequest(CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), quantity, "alice");
    }
}
