package org.originrelay.registryconnector.commands;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import org.originrelay.messaging.outbox.TraceParents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps each command's trace across the connector's asynchronous work: the trace of the validated message
 * is stored with the command, and every later step for it (a registry call, the outcome event) runs in a
 * span of that trace, so all events of a command share one trace id.
 */
@Component
public class CommandTraces {

    /** Closes the step's span; a no-op when there is no trace to continue. */
    public interface Step extends AutoCloseable {
        @Override
        void close();
    }

    private static final Step NONE = () -> { };

    private final TraceParents current;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    CommandTraces(ObjectProvider<TraceParents> current, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.current = current.getIfAvailable(() -> TraceParents.NONE);
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The traceparent of the message being handled now, stored with the command; null for none. */
    String current() {
        return current.current();
    }

    /**
     * Starts a span named {@code name} in the trace of this {@code traceParent} (the command's, already
     * read) and makes it current until closed; a no-op for null.
     */
    public Step continueTraceOf(String traceParent, String name) {
        Tracer activeTracer = tracer.getIfAvailable();
        Propagator activePropagator = propagator.getIfAvailable();
        if (activeTracer == null || activePropagator == null || traceParent == null) {
            return NONE;
        }
        Span span = activePropagator.extract(Map.of("traceparent", traceParent), Map::get).name(name).start();
        Tracer.SpanInScope scope = activeTracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }
}
