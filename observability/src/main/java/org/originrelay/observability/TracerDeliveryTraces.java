package org.originrelay.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.Supplier;
import org.originrelay.messaging.consume.DeliveryTraces;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * One consumer span per delivery, a child of the trace in the message's {@code traceparent} header (read by
 * the configured propagator), current while the delivery is handled: so its log lines carry the trace id
 * and the events it publishes carry the trace on. This is what Spring AMQP's listener observation does for
 * tracing, with the same span name and tags, but without its per-delivery timers nobody reads.
 */
class TracerDeliveryTraces implements DeliveryTraces {

    private static final Propagator.Getter<MessageProperties> HEADERS = (properties, name) -> {
        Object value = properties.getHeaders().get(name);
        return value == null ? null : value.toString();
    };

    private final Tracer tracer;
    private final Propagator propagator;

    TracerDeliveryTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public <T> T continued(Message message, String consumer, Supplier<T> work) {
        String listener = consumer + ".listener";
        Span span = propagator.extract(message.getMessageProperties(), HEADERS)
                .kind(Span.Kind.CONSUMER)
                .name(listener + " receive")
                .remoteServiceName("rabbitmq")
                .tag("spring.rabbit.listener.id", listener)
                .tag("messaging.destination.name", consumer)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }
}
