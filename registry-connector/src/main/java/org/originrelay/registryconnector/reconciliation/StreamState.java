package org.originrelay.registryconnector.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originrelay.contracts.domain.CertificateType;

/**
 * A certificate as (a part of) its stream describes it: what was issued, and every slice still on it by
 * hash (a slice that was sliced is gone; allocated and claimed slices stay).
 *
 * @param issued null when the transactions read hold no issuance
 * @param slices by slice hash, in the order they appeared
 * @param anomalies what the decoding could not apply, each a plain sentence with the transaction's position
 * @param transactions how many transactions were read (applied or not)
 */
public record StreamState(Issuance issued, Map<String, RegistrySlice> slices, List<Anomaly> anomalies,
        int transactions) {

    public StreamState {
        slices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slices));
        anomalies = List.copyOf(anomalies);
    }

    public Optional<RegistrySlice> slice(String sliceHash) {
        return Optional.ofNullable(slices.get(sliceHash));
    }

    /** What the issuance says of the certificate. */
    public record Issuance(CertificateType type, String gridArea, Instant start, Instant end) {
    }

    /** A transaction the decoding could not apply, at its position in the stream (0 is the first). */
    public record Anomaly(int position, String description) {
    }
}
