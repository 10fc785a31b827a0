package org.originrelay.validator.certificates;

/**
 * A registry outcome names a certificate or slice the view does not have yet: with competing consumers an
 * outcome may overtake the one that creates what it names (a transfer of a new slice before the slicing).
 * Transient on purpose: the kit retries it through its ladder until the earlier outcome is applied.
 */
public class NotInViewYet extends RuntimeException {

    public NotInViewYet(String message) {
        super(message);
    }
}
