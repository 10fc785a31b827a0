package org.originrelay.messaging.consume;

import java.util.function.Supplier;
import org.springframework.amqp.core.Message;

/**
 * Continues the trace a delivery carries (its W3C {@code traceparent} header) around the work done for it,
 * so the log lines written and the events published while handling it belong to the trace of the request
 * that caused it. A service with tracing provides one (module observability); without, work runs untraced.
 * <p>
 * The kit asks for exactly one span per delivery here instead of a Micrometer observation: an observation
 * also feeds every meter handler (a timer and a long-task timer per delivery, looked up by their tags each
 * time) and costs a fifth of a listener thread's CPU, while what operators use is the trace.
 */
public interface DeliveryTraces {

    /** Runs the work as it is, outside any trace. */
    DeliveryTraces NONE = new DeliveryTraces() {
        @Override
        public <T> T continued(Message message, String consumer, Supplier<T> work) {
            return work.get();
        }
    };

    /**
     * @param consumer the consumer handling the message (its queue's name), named in the span
     * @return what the work returned
     */
    <T> T continued(Message message, String consumer, Supplier<T> work);
}
