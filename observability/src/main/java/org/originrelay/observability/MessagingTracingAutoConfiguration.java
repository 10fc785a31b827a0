package org.originrelay.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.originrelay.messaging.MessagingKitAutoConfiguration;
import org.originrelay.messaging.consume.DeliveryTraces;
import org.originrelay.messaging.outbox.TraceParents;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The kit's trace hook: the outbox stores the current {@code traceparent} with each row (see
 * {@link TraceParents}); the kit's listeners continue the trace of each delivery (see {@link DeliveryTraces}).
 * Before the kit, so the kit's outbox and consumers find them.
 */
@AutoConfiguration(before = MessagingKitAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"})
@ConditionalOnClass(name = "org.originrelay.messaging.outbox.TraceParents")
public class MessagingTracingAutoConfiguration {

    @Bean
    @ConditionalOnBean({Tracer.class, Propagator.class})
    TraceParents relayTraceParents(Tracer tracer, Propagator propagator) {
        return new TracerTraceParents(tracer, propagator);
    }

    @Bean
    @ConditionalOnBean({Tracer.class, Propagator.class})
    DeliveryTraces relayDeliveryTraces(Tracer tracer, Propagator propagator) {
        return new TracerDeliveryTraces(tracer, propagator);
    }
}
