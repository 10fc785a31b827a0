package org.originrelay.validator.owners;

import java.util.Optional;
import org.originrelay.certificateviews.KnownOwnerStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Owners are users of the identity system: the validator keeps who exists from the provisioning events
 * and, when {@code relay.validator.require-known-receivers} is on, lets slices go only to them. The
 * switch is off for deployments without provisioning.
 */
@Service
public class KnownOwners {

    private final KnownOwnerStore store;
    private final boolean required;

    KnownOwners(KnownOwnerStore store, @Value("${relay.validator.require-known-receivers:false}") boolean required) {
        this.store = store;
        this.required = required;
    }

    public void provisioned(String username) {
        store.record(username, true);
    }

    public void removed(String username) {
        store.record(username, false);
    }

    /** Why {@code receiver} may not receive slices, or empty when it may. */
    public Optional<String> refusalFor(String receiver) {
        if (!required) {
            return Optional.empty();
        }
        return switch (store.isActive(receiver).map(active -> active ? 1 : 0).orElse(-1)) {
            case 1 -> Optional.empty();
            case 0 -> Optional.of("receiver " + receiver + " has been deleted");
            default -> Optional.of("receiver " + receiver + " is not a known user");
        };
    }
}
