package org.originrelay.projection.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.projection.certificates.persistence.CertificateEntity;
import org.originrelay.projection.certificates.persistence.CertificateRepository;
import org.originrelay.projection.certificates.persistence.SliceEntity;
import org.originrelay.projection.certificates.persistence.SliceRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side: certificates with their slices, and an owner's slices. */
@Service
@Transactional(readOnly = true)
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

    private final CertificateRepository certificates;
    private final SliceRepository slices;

    CertificateQueries(CertificateRepository certificates, SliceRepository slices) {
        this.certificates = certificates;
        this.slices = slices;
    }

    public Optional<CertificateDetails> certificate(UUID certificateId) {
        return certificates.findById(certificateId).map(CertificateQueries::details);
    }

    public List<OwnedSlice> slicesOf(String owner) {
        return slices.findByOwnerOrderByCertificateIdAscSliceIdAsc(owner).stream()
                .map(slice -> new OwnedSlice(slice.certificateId(), slice.sliceId(), slice.quantity(), slice.state(),
                        slice.allocationId(), slice.quantityKnown()))
                .toList();
    }

    private static CertificateDetails details(CertificateEntity entity) {
        return new CertificateDetails(entity.certificateId(), entity.type(), entity.gridArea(), entity.start(),
                entity.end(), entity.quantity(), entity.slices().stream().map(CertificateQueries::details).toList());
    }

    private static SliceDetails details(SliceEntity slice) {
        return new SliceDetails(slice.sliceId(), slice.owner(), slice.quantity(), slice.state(), slice.allocationId(),
                slice.quantityKnown());
    }
}
