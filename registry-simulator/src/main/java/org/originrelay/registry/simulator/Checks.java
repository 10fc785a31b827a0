package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** The checks every event rule shares; each throws a {@link Rejection} with the reason. */
final class Checks {

    /** The real electricity verifier's message for a commitment whose range proof does not verify. */
    static final String INVALID_RANGE_PROOF = "Invalid range proof for Quantity commitment";

    private Checks() {
    }

    static <T extends Message> T payload(Transaction transaction, Parser<T> parser) {
        try {
            return parser.parseFrom(transaction.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new Rejection("payload is not a valid " + transaction.getHeader().getPayloadType());
        }
    }

    static void signedBy(Transaction transaction, ByteString publicKey) {
        boolean valid = OwnerKeys.verify(publicKey.toByteArray(), transaction.getHeader().toByteArray(),
                transaction.getHeaderSignature().toByteArray());
        if (!valid) {
            throw new Rejection("invalid header signature");
        }
    }

    static void signedBy(Transaction transaction, PublicKey owner) {
        signedBy(transaction, owner.getContent());
    }

    static void ed25519(PublicKey key, String role) {
        if (key.getType() != KeyType.ED25519 || !OwnerKeys.isEncodedKey(key.getContent().toByteArray())) {
            throw new Rejection(role + " must be an ED25519 public key as X.509 SubjectPublicKeyInfo");
        }
    }

    /** Events name their certificate again in the payload; it must be the stream the header names. */
    static void sameStream(Transaction transaction, FederatedStreamId certificateId) {
        if (!transaction.getHeader().getFederatedStreamId().equals(certificateId)) {
            throw new Rejection("payload certificate_id does not match the header's stream");
        }
    }
}
