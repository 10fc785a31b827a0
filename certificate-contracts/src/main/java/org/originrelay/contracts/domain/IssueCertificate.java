package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.UUID;

/** Issue a certificate whose whole quantity is one slice of {@code owner}. */
public record IssueCertificate(UUID certificateId, UUID sliceId, CertificateType type, String gridArea,
        Instant start, Instant end, long quantity, String owner) {
}
