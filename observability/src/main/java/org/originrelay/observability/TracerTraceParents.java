package org.originrelay.observability;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.originrelay.messaging.outbox.TraceParents;

/** The current span's W3C {@code traceparent}, written by the configured propagator. */
class TracerTraceParents implements TraceParents {

    static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    TracerTraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }
}
