package org.originrelay.registry.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.electricity.UnclaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Decodes the payload of a transaction read from a certificate's stream by the protobuf type its header
 * names: every electricity event the registry knows, withdrawals and unclaims included.
 */
public final class StreamEvents {

    private static final Map<String, Parser<? extends Message>> PARSERS = Map.of(
            IssuedEvent.getDescriptor().getFullName(), IssuedEvent.parser(),
            TransferredEvent.getDescriptor().getFullName(), TransferredEvent.parser(),
            SlicedEvent.getDescriptor().getFullName(), SlicedEvent.parser(),
            AllocatedEvent.getDescriptor().getFullName(), AllocatedEvent.parser(),
            ClaimedEvent.getDescriptor().getFullName(), ClaimedEvent.parser(),
            WithdrawnEvent.getDescriptor().getFullName(), WithdrawnEvent.parser(),
            UnclaimedEvent.getDescriptor().getFullName(), UnclaimedEvent.parser());

    private StreamEvents() {
    }

    /** The payload types this decoder knows, e.g. {@code project_origin.electricity.v1.WithdrawnEvent}. */
    public static Set<String> payloadTypes() {
        return PARSERS.keySet();
    }

    /**
     * The decoded event, or empty for a payload type this decoder does not know.
     *
     * @throws InvalidProtocolBufferException when the payload is not a valid message of its named type
     */
    public static Optional<Message> decode(Transaction transaction) throws InvalidProtocolBufferException {
        Parser<? extends Message> parser = PARSERS.get(transaction.getHeader().getPayloadType());
        if (parser == null) {
            return Optional.empty();
        }
        return Optional.of(parser.parseFrom(transaction.getPayload()));
    }
}
