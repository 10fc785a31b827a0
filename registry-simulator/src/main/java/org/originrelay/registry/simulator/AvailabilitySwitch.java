package org.originrelay.registry.simulator;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/** While switched off, answers every call with UNAVAILABLE before it reaches the registry. */
final class AvailabilitySwitch implements ServerInterceptor {

    private final AtomicBoolean unavailable = new AtomicBoolean();

    void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (unavailable.get()) {
            call.close(Status.UNAVAILABLE.withDescription("registry simulator is set unavailable"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
