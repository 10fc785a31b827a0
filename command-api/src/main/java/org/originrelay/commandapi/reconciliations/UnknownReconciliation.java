package org.originrelay.commandapi.reconciliations;

import java.util.UUID;

/** No reconciliation has this id. */
public class UnknownReconciliation extends RuntimeException {

    public UnknownReconciliation(UUID reconciliationId) {
        super("no reconciliation " + reconciliationId);
    }
}
