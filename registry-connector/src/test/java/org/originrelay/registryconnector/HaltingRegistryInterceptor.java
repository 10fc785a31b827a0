package org.originrelay.registryconnector;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusResponse;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.TransactionState;

/** Sits between the connector and the registry and crashes the process at the registry-call crash points. */
final class HaltingRegistryInterceptor implements ClientInterceptor {

    private final CrashPoint point;

    HaltingRegistryInterceptor(CrashPoint point) {
        this.point = point;
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        boolean send = method.getFullMethodName().equals(RegistryServiceGrpc.getSendTransactionsMethod().getFullMethodName());
        if ((send && point == CrashPoint.BEFORE_SEND) || (!send && point == CrashPoint.AFTER_SENT)) {
            point.crash();
        }
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                super.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onMessage(A answer) {
                        if (point == CrashPoint.POLL_DECIDED_NOT_RECORDED && isDecision(answer)) {
                            point.crash();
                        }
                        super.onMessage(answer);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (send && status.isOk() && point == CrashPoint.SEND_TAKEN_NOT_RECORDED) {
                            point.crash();
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }

    private static boolean isDecision(Object answer) {
        return answer instanceof GetTransactionStatusResponse status
                && (status.getStatus() == TransactionState.COMMITTED || status.getStatus() == TransactionState.FINALIZED
                        || status.getStatus() == TransactionState.FAILED);
    }
}
