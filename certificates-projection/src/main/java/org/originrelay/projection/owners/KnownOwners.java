package org.originrelay.projection.owners;

import org.originrelay.contracts.provisioning.UserChange;
import org.originrelay.projection.owners.persistence.KnownOwnerEntity;
import org.originrelay.projection.owners.persistence.KnownOwnerRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The owners the identity system knows, kept from the provisioning user events. */
@Service
public class KnownOwners {

    /** Whether the identity system knows an owner: {@code known=false} never provisioned. */
    public record OwnerStatus(String owner, boolean known, boolean active) {
    }

    private final KnownOwnerRepository owners;

    KnownOwners(KnownOwnerRepository owners) {
        this.owners = owners;
    }

    /** Runs in the consumer's transaction. */
    public void apply(UserChange change) {
        change.removed().forEach(owner -> record(owner, false));
        change.present().ifPresent(owner -> record(owner, true));
    }

    @Transactional(readOnly = true)
    public OwnerStatus status(String owner) {
        return owners.findById(owner).map(found -> new OwnerStatus(owner, true, found.active()))
                .orElse(new OwnerStatus(owner, false, false));
    }

    private void record(String owner, boolean active) {
        owners.findById(owner).ifPresentOrElse(found -> found.setActive(active),
                () -> owners.save(new KnownOwnerEntity(owner, active)));
    }
}
