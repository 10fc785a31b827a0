package org.originrelay.projection.certificates;

/**
 * An outcome names a certificate or slice the read model does not have yet: competing consumers may deliver
 * a certificate's outcomes out of order (a transfer of a new slice before the slicing that made it).
 * Transient on purpose: the kit retries it through its ladder until the earlier outcome is applied.
 */
public class NotInReadModelYet extends RuntimeException {

    public NotInReadModelYet(String message) {
        super(message);
    }
}
