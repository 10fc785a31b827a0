package org.originrelay.security;

/** The values of a token's {@code roles} claim; each becomes the authority {@code ROLE_<NAME>}. */
public final class Roles {

    /** Owns slices: may slice, transfer and claim them. */
    public static final String OWNER = "owner";
    /** Issues certificates for a grid area. */
    public static final String ISSUER = "issuer";
    /** Runs the system: dead letters, actuator, everybody's data. */
    public static final String OPERATOR = "operator";
    /** Manages its own AMQP subscriptions (names it owns: docs/subscriptions.md). */
    public static final String SUBSCRIBER = "subscriber";

    private Roles() {
    }

    /** The role name as Spring Security's {@code hasRole} expects it. */
    public static String role(String claimValue) {
        return claimValue.toUpperCase(java.util.Locale.ROOT);
    }
}
