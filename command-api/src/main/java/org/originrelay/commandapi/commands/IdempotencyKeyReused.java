package org.originrelay.commandapi.commands;

/** An {@code Idempotency-Key} sent again with a request other than the one it was first used for. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String idempotencyKey) {
        super("Idempotency-Key '" + idempotencyKey + "' was already used for a different request");
    }
}
