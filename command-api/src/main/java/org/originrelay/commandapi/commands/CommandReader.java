package org.originrelay.commandapi.commands;

/**
 * Who asks for a command's status: a command is seen by the one who requested it and by operators.
 *
 * @param subject the token's {@code sub}
 * @param operator whether the token has the {@code operator} role
 */
public record CommandReader(String subject, boolean operator) {

    boolean maySee(String requestedBy) {
        return operator || (requestedBy != null && requestedBy.equals(subject));
    }
}
