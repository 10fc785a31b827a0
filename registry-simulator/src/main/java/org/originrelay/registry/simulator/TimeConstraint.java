package org.originrelay.registry.simulator;

/**
 * Whether an allocation's production and consumption periods must lie one within the other (the
 * verifier's {@code NetworkOptions.TimeConstraint}; {@code Enclosing} is its default).
 */
public enum TimeConstraint {
    /** One period must enclose the other, else "Periods are not overlapping". */
    ENCLOSING,
    /** Periods are not compared. */
    DISABLED
}
