package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * The checks event rules share; each throws a {@link Rejection} with the reason. The messages are those of
 * Project Origin's electricity verifier (project-origin/verifier_electricity, {@code Verifiers/*.cs}) where
 * it has the same check; a check only this simulator makes says so in its message or its javadoc.
 */
final class Checks {

    static final String INVALID_RANGE_PROOF = "Invalid range proof for Quantity commitment";
    static final String INVALID_SLICE_SIGNATURE = "Invalid signature for slice";
    static final String CERTIFICATE_NOT_FOUND = "Certificate does not exist";
    static final String CERTIFICATE_WITHDRAWN = "Certificate is withdrawn";
    static final String CERTIFICATE_EXPIRED = "Certificate has expired";
    static final String SLICE_NOT_FOUND = "Slice not found";
    static final String INVALID_NEW_OWNER = "Invalid NewOwner key, not a valid publicKey";

    private Checks() {
    }

    static <T extends Message> T payload(Transaction transaction, Parser<T> parser) {
        try {
            return parser.parseFrom(transaction.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new Rejection("Could not deserialize invalid payload of type ”"
                    + transaction.getHeader().getPayloadType() + "”");
        }
    }

    static void signedBy(Transaction transaction, ByteString publicKey, String message) {
        boolean valid = OwnerKeys.verify(publicKey.toByteArray(), transaction.getHeader().toByteArray(),
                transaction.getHeaderSignature().toByteArray());
        if (!valid) {
            throw new Rejection(message);
        }
    }

    static void signedByOwner(Transaction transaction, Slice slice) {
        signedBy(transaction, slice.owner().getContent(), INVALID_SLICE_SIGNATURE);
    }

    /**
     * The key must be one the verifier can import. The real verifier also takes Secp256k1 keys; Origin
     * Relay never makes them, and this simulator refuses them rather than accept what it cannot check.
     */
    static void publicKey(PublicKey key, String invalidMessage) {
        if (key.getType() == KeyType.Secp256k1) {
            throw new Rejection(invalidMessage + " (Secp256k1 keys are not supported by this simulator)");
        }
        if (key.getType() != KeyType.ED25519 || !OwnerKeys.isEncodedKey(key.getContent().toByteArray())) {
            throw new Rejection(invalidMessage);
        }
    }

    /**
     * Events name their certificate again in the payload; this simulator requires it to be the stream the
     * header names (the real verifier reads the header's stream and the payload's id without comparing).
     */
    static void sameStream(Transaction transaction, FederatedStreamId certificateId) {
        if (!transaction.getHeader().getFederatedStreamId().equals(certificateId)) {
            throw new Rejection("payload certificate_id does not match the header's stream");
        }
    }

    /** What every operation on an existing certificate but withdrawal and unclaim checks first. */
    static void usable(CertificateStream stream, Expiry expiry) {
        if (stream.withdrawn()) {
            throw new Rejection(CERTIFICATE_WITHDRAWN);
        }
        if (expiry.isExpired(stream)) {
            throw new Rejection(CERTIFICATE_EXPIRED);
        }
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /**
     * How the verifier's messages show a protobuf message: C# {@code ToString()} of a message is its JSON,
     * e.g. {@code { "value": "…" }} for a Uuid.
     */
    static String uuidAsCSharpPrints(String value) {
        return "{ \"value\": \"" + value + "\" }";
    }
}
