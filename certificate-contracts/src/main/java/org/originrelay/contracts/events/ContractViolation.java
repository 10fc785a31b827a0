package org.originrelay.contracts.events;

/**
 * A message that cannot be read as the contract promises (bad JSON, unknown type, unsupported schema
 * version, missing field). Retrying cannot help, so consumers dead-letter it at once.
 */
public class ContractViolation extends RuntimeException {

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }

    public ContractViolation(String message) {
        super(message);
    }
}
