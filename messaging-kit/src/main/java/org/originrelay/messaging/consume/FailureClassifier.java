package org.originrelay.messaging.consume;

import org.originrelay.contracts.events.ContractViolation;
import tools.jackson.core.JacksonException;

/**
 * Decides whether a failure is worth retrying. Permanent: the message itself is wrong (unreadable JSON,
 * unknown type, unsupported schema version, contract violation). Everything else (broker, database or
 * registry unavailable, timeouts, lock conflicts) is transient.
 */
public class FailureClassifier {

    public boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermanentFailure || cause instanceof ContractViolation
                    || cause instanceof JacksonException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public boolean isTransient(Throwable failure) {
        return !isPermanent(failure);
    }
}
