package org.originrelay.registryconnector.registry;

import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Sorts failed registry calls into those worth repeating and those where the registry said no. */
public final class RegistryErrors {

    private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED);

    /** Codes with which the registry refuses a transaction outright: sending it again cannot help. */
    private static final Set<Status.Code> REFUSAL = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.FAILED_PRECONDITION);

    private RegistryErrors() {
    }

    /** Unreachable, overloaded or too slow: the same call may well succeed a moment later. */
    public static boolean isTransient(Throwable failure) {
        return TRANSIENT.contains(status(failure).getCode());
    }

    public static boolean isRefusal(Throwable failure) {
        return REFUSAL.contains(status(failure).getCode());
    }

    /** The gRPC status of a failure, looking through the wrappers of asynchronous composition. */
    public static Status status(Throwable failure) {
        return Status.fromThrowable(unwrap(failure));
    }

    /** Short text for logs and rejection reasons: code and description. */
    public static String describe(Throwable failure) {
        Status status = status(failure);
        if (status.getCode() == Status.Code.UNKNOWN && status.getDescription() == null) {
            return unwrap(failure).toString();
        }
        return status.getDescription() == null ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
