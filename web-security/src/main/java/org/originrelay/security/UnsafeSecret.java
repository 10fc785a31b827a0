package org.originrelay.security;

/**
 * A secret the service cannot run with: unset, too short, or the committed development default
 * outside the local profile. Its message names the variable and never contains the secret.
 */
public class UnsafeSecret extends IllegalStateException {

    private final String variable;

    UnsafeSecret(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    /** The environment variable to set, e.g. {@code RELAY_JWT_HMAC_SECRET}. */
    public String variable() {
        return variable;
    }
}
