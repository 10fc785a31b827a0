package org.originrelay.registry.protocol;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * A hash commitment whose opening travels with it: content = SHA-256("origin-relay/commitment/v1" ‖
 * quantity as 8 bytes big-endian ‖ blinding), with blinding = HMAC-SHA256(secret, "blinding:" + sliceId),
 * and the {@code range_proof} field carries the opening (quantity ‖ blinding, 40 bytes).
 *
 * <p><strong>This scheme is binding but NOT hiding:</strong> because the opening is sent along, anyone who
 * sees a transaction learns the quantity. It exists so that a verifier (the registry simulator) can check
 * quantities and their conservation during development and tests. Production Project Origin registries
 * use Pedersen commitments with Bulletproof range proofs, and no maintained Java library implements
 * those compatibly; a real implementation belongs behind {@link QuantityCommitments} (see ADR 0002).
 */
public final class OpenedHashCommitments implements QuantityCommitments {

    private static final byte[] DOMAIN_TAG = "origin-relay/commitment/v1".getBytes(StandardCharsets.UTF_8);
    private static final int QUANTITY_LENGTH = Long.BYTES;
    private static final int BLINDING_LENGTH = 32;

    private final byte[] secret;

    public OpenedHashCommitments(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        this.secret = secret.clone();
    }

    /** Uses the UTF-8 bytes of {@code secret}, as configuration provides it. */
    public static OpenedHashCommitments fromSecret(String secret) {
        return new OpenedHashCommitments(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An instance that only verifies: an opening carries its own blinding, so checking one needs no
     * secret, and a verifier should not be handed the secret that derives everybody's blindings.
     */
    public static QuantityCommitments verifier() {
        return new QuantityCommitments() {
            @Override
            public Commitment commit(long quantity, UUID sliceId) {
                throw new UnsupportedOperationException("a verifier has no secret to derive blinding factors");
            }

            @Override
            public OptionalLong verifyOpening(Commitment commitment) {
                return open(commitment);
            }
        };
    }

    @Override
    public Commitment commit(long quantity, UUID sliceId) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        byte[] blinding = Digests.hmacSha256(secret, ("blinding:" + sliceId).getBytes(StandardCharsets.UTF_8));
        byte[] opening = ByteBuffer.allocate(QUANTITY_LENGTH + BLINDING_LENGTH).putLong(quantity).put(blinding).array();
        return Commitment.newBuilder()
                .setContent(ByteString.copyFrom(content(quantity, blinding)))
                .setRangeProof(ByteString.copyFrom(opening))
                .build();
    }

    @Override
    public OptionalLong verifyOpening(Commitment commitment) {
        return open(commitment);
    }

    private static OptionalLong open(Commitment commitment) {
        byte[] opening = commitment.getRangeProof().toByteArray();
        if (opening.length != QUANTITY_LENGTH + BLINDING_LENGTH) {
            return OptionalLong.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(opening);
        long quantity = buffer.getLong();
        byte[] blinding = new byte[BLINDING_LENGTH];
        buffer.get(blinding);
        // The "range" half of a range proof: quantities are never negative.
        if (quantity < 0) {
            return OptionalLong.empty();
        }
        boolean matches = MessageDigest.isEqual(content(quantity, blinding), commitment.getContent().toByteArray());
        return matches ? OptionalLong.of(quantity) : OptionalLong.empty();
    }

    private static byte[] content(long quantity, byte[] blinding) {
        return Digests.sha256(DOMAIN_TAG, ByteBuffer.allocate(QUANTITY_LENGTH).putLong(quantity).array(), blinding);
    }
}
