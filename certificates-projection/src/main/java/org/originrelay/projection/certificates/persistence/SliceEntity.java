package org.originrelay.projection.certificates.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceState;

@Entity
@Table(name = "slice")
public class SliceEntity {

    @Id
    @Column(name = "slice_id")
    private UUID sliceId;

    @Column(name = "certificate_id", nullable = false)
    private UUID certificateId;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false)
    private long quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SliceState state;

    @Column(name = "allocation_id")
    private UUID allocationId;

    @Column(name = "quantity_known", nullable = false)
    private boolean quantityKnown;

    protected SliceEntity() {
    }

    SliceEntity(UUID certificateId, Slice slice) {
        this.sliceId = slice.sliceId();
        this.certificateId = certificateId;
        update(slice);
    }

    void update(Slice slice) {
        this.owner = slice.owner();
        this.quantity = slice.quantity();
        this.state = slice.state();
        this.allocationId = slice.allocationId();
        this.quantityKnown = slice.quantityKnown();
    }

    Slice toDomain() {
        return new Slice(sliceId, owner, quantity, state, allocationId, quantityKnown);
    }

    public UUID sliceId() {
        return sliceId;
    }

    public UUID certificateId() {
        return certificateId;
    }

    public String owner() {
        return owner;
    }

    public long quantity() {
        return quantity;
    }

    public SliceState state() {
        return state;
    }

    public UUID allocationId() {
        return allocationId;
    }

    public boolean quantityKnown() {
        return quantityKnown;
    }
}
