package org.originrelay.registry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.UnclaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

class StreamEventsTest {

    @Test
    void decodesWithdrawalsAndUnclaimsAsWellAsTheEventsWeSend() throws Exception {
        UnclaimedEvent unclaimed = UnclaimedEvent.newBuilder().setAllocationId(ProtoIds.uuid(UUID.randomUUID())).build();

        assertThat(StreamEvents.decode(transaction("project_origin.electricity.v1.UnclaimedEvent", unclaimed.toByteString())))
                .contains(unclaimed);
        assertThat(StreamEvents.decode(transaction("project_origin.electricity.v1.WithdrawnEvent", ByteString.EMPTY)))
                .contains(WithdrawnEvent.getDefaultInstance());
        assertThat(StreamEvents.payloadTypes()).contains("project_origin.electricity.v1.IssuedEvent",
                "project_origin.electricity.v1.TransferredEvent", "project_origin.electricity.v1.SlicedEvent",
                "project_origin.electricity.v1.AllocatedEvent", "project_origin.electricity.v1.ClaimedEvent");
    }

    @Test
    void unclaimedEventKeepsTheAllocationIdInFieldOne() throws Exception {
        // Field 1, length-delimited, holding a Uuid whose field 1 is the string "a".
        byte[] wire = {0x0A, 0x03, 0x0A, 0x01, 'a'};

        assertThat(UnclaimedEvent.parseFrom(wire).getAllocationId().getValue()).isEqualTo("a");
    }

    @Test
    void anUnknownTypeIsEmptyAndAMalformedPayloadIsAnError() {
        assertThat(decodeQuietly(transaction("project_origin.electricity.v1.Burned", ByteString.EMPTY))).isEmpty();
        assertThatThrownBy(() -> StreamEvents.decode(transaction(ClaimedEvent.getDescriptor().getFullName(),
                ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x01})))).isInstanceOf(InvalidProtocolBufferException.class);
    }

    private static java.util.Optional<com.google.protobuf.Message> decodeQuietly(Transaction transaction) {
        try {
            return StreamEvents.decode(transaction);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Transaction transaction(String payloadType, ByteString payload) {
        return Transaction.newBuilder()
                .setHeader(TransactionHeader.newBuilder().setPayloadType(payloadType))
                .setPayload(payload)
                .build();
    }
}
