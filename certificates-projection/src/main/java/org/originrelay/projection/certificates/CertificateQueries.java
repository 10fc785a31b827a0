package org.originrelay.projection.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.projection.certificates.persistence.CertificateStore;
import org.springframework.stereotype.Service;

/** The read side: certificates with their slices, and an owner's slices (each one statement). */
@Service
public class CertificateQueries {

    public record CertificateDetails(UUID certificateId, CertificateType type, String gridArea, Instant start,
            Instant end, long quantity, List<SliceDetails> slices) {
    }

    /**
     * @param quantity 0 when {@code quantityKnown} is false
     * @param allocationId the registry's allocation holding the slice for a claim (ALLOCATED; kept once
     *        CLAIMED when reconciliation saw it); null otherwise
     * @param quantityKnown false for a slice the registry has whose quantity Origin Relay never committed
     */
    public record SliceDetails(UUID sliceId, String owner, long quantity, SliceState state, UUID allocationId,
            boolean quantityKnown) {
    }

    public record OwnedSlice(UUID certificateId, UUID sliceId, long quantity, SliceState state, UUID allocationId,
            boolean quantityKnown) {
    }

    private final CertificateStore store;

    CertificateQueries(CertificateStore store) {
        this.store = store;
    }

    public Optional<CertificateDetails> certificate(UUID certificateId) {
        return store.find(certificateId).map(CertificateQueries::details);
    }

    public List<OwnedSlice> slicesOf(String owner) {
        return store.slicesOf(owner).stream()
                .map(owned -> {
                    Slice slice = owned.slice();
                    return new OwnedSlice(owned.certificateId(), slice.sliceId(), slice.quantity(), slice.state(),
                            slice.allocationId(), slice.quantityKnown());
                })
                .toList();
    }

    private static CertificateDetails details(Certificate certificate) {
        return new CertificateDetails(certificate.certificateId(), certificate.type(), certificate.gridArea(),
                certificate.start(), certificate.end(), certificate.quantity(),
                certificate.slices().stream().map(CertificateQueries::details).toList());
    }

    private static SliceDetails details(Slice slice) {
        return new SliceDetails(slice.sliceId(), slice.owner(), slice.quantity(), slice.state(), slice.allocationId(),
                slice.quantityKnown());
    }
}
