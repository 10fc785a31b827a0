package org.originrelay.commandapi.commands;

/**
 * A command breaks a rule that needs no state (the period, a quantity, the receiver): answered 400 at once,
 * nothing stored or published. The rule is the domain's ({@code CertificateRules}); the validator keeps it too.
 */
public class CommandRefused extends RuntimeException {

    public CommandRefused(String reason) {
        super(reason);
    }
}
