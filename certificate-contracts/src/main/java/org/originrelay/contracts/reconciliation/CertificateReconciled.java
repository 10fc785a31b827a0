package org.originrelay.contracts.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.originrelay.contracts.domain.CertificateType;

/**
 * The registry's state of one certificate, read from its stream, published when it differs from what the
 * connector last announced. Views replace their whole view of the certificate with it: the registry wins.
 *
 * @param reconciliationId the operator's request this answers, or a fresh id for a sweep or a follow-up
 * @param trigger why it was read: {@code operator}, {@code sweep} or {@code command} (after a partial or
 *        ambiguous outcome)
 * @param registryTransactions how many committed transactions the stream held when it was read; a view
 *        may ignore a reconciliation older than one it already applied
 * @param quantity the certificate's quantity as Origin Relay committed it; null when unknown
 * @param slices every slice the registry knows, spent or not
 * @param differences each difference found, one plain sentence each
 */
public record CertificateReconciled(UUID reconciliationId, UUID certificateId, String trigger,
        long registryTransactions, CertificateType type, String gridArea, Instant start, Instant end, Long quantity,
        List<ReconciledSlice> slices, List<String> differences) {

    public CertificateReconciled {
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(trigger, "trigger");
        slices = List.copyOf(slices);
        differences = List.copyOf(differences);
    }
}
