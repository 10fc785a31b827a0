package org.originrelay.registryconnector.registry;

import org.originrelay.registry.protocol.v1.registry.TransactionState;

/** What the registry says about one transaction id. */
public record RegistryStatus(TransactionState state, String message) {

    /** The registry has never seen the id, so sending it cannot be a second send. */
    public boolean isUnknown() {
        return state == TransactionState.UNKNOWN;
    }
}
