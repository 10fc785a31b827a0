package org.originrelay.registry.simulator;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Continues the W3C trace a client sends in the {@code traceparent} gRPC metadata (registry-connector's
 * observation interceptor sends it), or starts one: every line logged while the call is handled, and the
 * commit of the transactions it sent, carries that {@code traceId} and a {@code spanId} of the
 * simulator's own. The simulator exports no spans; the ids are there so its log can be joined with the
 * services' logs and traces. Hand-written because a tracer (and its SDK) for two MDC entries would weigh
 * more than the simulator itself.
 */
final class CallTraces implements ServerInterceptor {

    static final Metadata.Key<String> TRACE_PARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    /** version 00: trace id (not all zeros), parent span id (not all zeros), flags. */
    private static final Pattern W3C = Pattern.compile("00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Map<String, String> trace = Map.of(TRACE_ID, traceIdOf(headers.get(TRACE_PARENT)), SPAN_ID, randomHex(8));
        ServerCall.Listener<Q> listener = inTrace(trace, () -> next.startCall(call, headers));
        // gRPC may call the listener on any of its threads: each callback runs in the call's trace.
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                inTrace(trace, () -> {
                    super.onMessage(message);
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                inTrace(trace, () -> {
                    super.onHalfClose();
                    return null;
                });
            }

            @Override
            public void onCancel() {
                inTrace(trace, () -> {
                    super.onCancel();
                    return null;
                });
            }

            @Override
            public void onComplete() {
                inTrace(trace, () -> {
                    super.onComplete();
                    return null;
                });
            }

            @Override
            public void onReady() {
                inTrace(trace, () -> {
                    super.onReady();
                    return null;
                });
            }
        };
    }

    private static String traceIdOf(String traceParent) {
        var match = traceParent == null ? null : W3C.matcher(traceParent.trim());
        return match != null && match.matches() ? match.group(1) : randomHex(16);
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }

    private static <T> T inTrace(Map<String, String> trace, java.util.function.Supplier<T> work) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        trace.forEach(MDC::put);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }
}
