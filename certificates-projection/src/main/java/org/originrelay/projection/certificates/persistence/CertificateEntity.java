package org.originrelay.projection.certificates.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.Slice;

@Entity
@Table(name = "certificate")
public class CertificateEntity {

    @Id
    @Column(name = "certificate_id")
    private UUID certificateId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CertificateType type;

    @Column(name = "grid_area", nullable = false)
    private String gridArea;

    @Column(name = "period_start", nullable = false)
    private Instant start;

    @Column(name = "period_end", nullable = false)
    private Instant end;

    @Column(nullable = false)
    private long quantity;

    /** Registry transactions the last applied reconciliation had read; null before any. */
    @Column(name = "reconciled_transactions")
    private Long reconciledTransactions;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "certificate_id", insertable = false, updatable = false)
    @OrderBy("sliceId")
    private List<SliceEntity> slices = new ArrayList<>();

    protected CertificateEntity() {
    }

    public static CertificateEntity of(Certificate certificate) {
        CertificateEntity entity = new CertificateEntity();
        entity.certificateId = certificate.certificateId();
        entity.type = certificate.type();
        entity.gridArea = certificate.gridArea();
        entity.start = certificate.start();
        entity.end = certificate.end();
        entity.quantity = certificate.quantity();
        entity.update(certificate);
        return entity;
    }

    public Certificate toDomain() {
        return new Certificate(certificateId, type, gridArea, start, end, quantity,
                slices.stream().map(SliceEntity::toDomain).toList());
    }

    /** Takes over the certificate's slices, updating rows in place so ids are never deleted and re-inserted. */
    public void update(Certificate certificate) {
        Map<UUID, Slice> wanted = certificate.slices().stream()
                .collect(Collectors.toMap(Slice::sliceId, Function.identity()));
        slices.removeIf(existing -> !wanted.containsKey(existing.sliceId()));
        for (Slice slice : certificate.slices()) {
            slices.stream().filter(existing -> existing.sliceId().equals(slice.sliceId())).findFirst()
                    .ifPresentOrElse(existing -> existing.update(slice),
                            () -> slices.add(new SliceEntity(certificateId, slice)));
        }
    }

    public Optional<Long> reconciledTransactions() {
        return Optional.ofNullable(reconciledTransactions);
    }

    public void markReconciled(long registryTransactions) {
        this.reconciledTransactions = registryTransactions;
    }

    public UUID certificateId() {
        return certificateId;
    }

    public CertificateType type() {
        return type;
    }

    public String gridArea() {
        return gridArea;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public long quantity() {
        return quantity;
    }

    public List<SliceEntity> slices() {
        return List.copyOf(slices);
    }
}
