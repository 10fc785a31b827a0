package org.originrelay.projection.owners;

import org.originrelay.contracts.provisioning.UserChange;
import org.originrelay.certificateviews.KnownOwnerStore;
import org.springframework.stereotype.Service;

/** The owners the identity system knows, kept from the provisioning user events. */
@Service
public class KnownOwners {

    /** Whether the identity system knows an owner: {@code known=false} never provisioned. */
    public record OwnerStatus(String owner, boolean known, boolean active) {
    }

    private final KnownOwnerStore owners;

    KnownOwners(KnownOwnerStore owners) {
        this.owners = owners;
    }

    /** Runs in the consumer's transaction. */
    public void apply(UserChange change) {
        change.removed().forEach(owner -> owners.record(owner, false));
        change.present().ifPresent(owner -> owners.record(owner, true));
    }

    public OwnerStatus status(String owner) {
        return owners.isActive(owner).map(active -> new OwnerStatus(owner, true, active))
                .orElse(new OwnerStatus(owner, false, false));
    }
}
