package org.originrelay.provisioningbridge.mapping;

/**
 * One message as the Provisioning stack delivered it, with where it sits in its stream.
 *
 * @param source the subscription / stream it came from
 * @param generation what tells this incarnation of the stream from an earlier one with the same name
 *     (NATS: the stream's creation time; REST: the message's {@code ts}); {@code null} if unknown
 * @param traceParent the W3C {@code traceparent} the source message carried (a NATS header), so the bridged
 *     message continues that trace; {@code null} if none
 */
public record SourceMessage(String source, String generation, long sequenceNumber, long numDelivered, byte[] body,
        String traceParent) {

    public SourceMessage(String source, String generation, long sequenceNumber, long numDelivered, byte[] body) {
        this(source, generation, sequenceNumber, numDelivered, body, null);
    }

    /**
     * {@code <source>:<generation>:<sequence>}: the same for every redelivery of this message, and new
     * after the stream or subscription is recreated (its sequence numbers start again at 1).
     */
    public String messageId() {
        return generation == null ? source + ":" + sequenceNumber : source + ":" + generation + ":" + sequenceNumber;
    }
}
