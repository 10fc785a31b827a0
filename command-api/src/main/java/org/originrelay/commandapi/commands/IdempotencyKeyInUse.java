package org.originrelay.commandapi.commands;

/** A concurrent request holds the {@code Idempotency-Key} but its answer cannot be read (yet). */
public class IdempotencyKeyInUse extends RuntimeException {

    public IdempotencyKeyInUse(String idempotencyKey, Throwable cause) {
        super("another request with Idempotency-Key '" + idempotencyKey + "' is in progress; retry later", cause);
    }
}
