package org.originrelay.registry.protocol;

import java.util.Base64;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** The id under which the registry reports a transaction's status. */
public final class TransactionIds {

    private TransactionIds() {
    }

    /** Base64 (standard alphabet, padded) of the SHA-256 of the serialized transaction. */
    public static String of(Transaction transaction) {
        return Base64.getEncoder().encodeToString(Digests.sha256(transaction.toByteArray()));
    }
}
