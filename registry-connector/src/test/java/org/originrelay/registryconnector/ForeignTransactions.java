package org.originrelay.registryconnector;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.UUID;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

/** Transactions another wallet makes: signed correctly by the slice's owner, to a key Origin Relay never derived. */
final class ForeignTransactions {

    private ForeignTransactions() {
    }

    static Transaction transfer(TransactionFactory factory, OwnerKeys keys, UUID certificateId, UUID sliceId,
            long quantity, String owner, ByteString foreignKey) {
        Transaction ours = factory.transfer(certificateId, sliceId, quantity, owner, owner);
        try {
            TransferredEvent event = TransferredEvent.parseFrom(ours.getPayload()).toBuilder()
                    .setNewOwner(PublicKey.newBuilder().setContent(foreignKey).setType(KeyType.ED25519))
                    .build();
            TransactionHeader header = ours.getHeader().toBuilder()
                    .setPayloadSha512(ByteString.copyFrom(Digests.sha512(event.toByteArray())))
                    .setNonce(UUID.randomUUID().toString())
                    .build();
            return Transaction.newBuilder().setHeader(header)
                    .setHeaderSignature(ByteString.copyFrom(keys.signAsOwner(owner, header.toByteArray())))
                    .setPayload(event.toByteString())
                    .build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
