package org.originrelay.registry.protocol;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * A hash commitment whose opening travels with it: content = SHA-256("origin-relay/commitment/v1" ‖
 * quantity as 8 bytes big-endian ‖ blinding), with blinding = HMAC-SHA256(secret, "blinding:" + sliceId),
 * and the {@code range_proof} field carries the opening (quantity ‖ blinding, 40 bytes). Sum and equality
 * proofs are empty: a verifier opens the commitments and compares quantities.
 *
 * <p><strong>Binding but NOT hiding, and only our simulator understands it.</strong> It is the explicit
 * {@link CommitmentScheme#HASH} option for tests that want speed; the default is
 * {@link CommitmentScheme#PEDERSEN} (ADR 0006).
 */
public final class OpenedHashCommitments implements QuantityCommitments {

    /** Opens commitments; needs no secret, because every opening carries its own blinding. */
    public static final CommitmentVerifier VERIFIER = new OpeningVerifier();

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

    @Override
    public Commitment commit(long quantity, UUID sliceId, UUID certificateId) {
        byte[] blinding = blinding(quantity, sliceId);
        byte[] opening = ByteBuffer.allocate(QUANTITY_LENGTH + BLINDING_LENGTH).putLong(quantity).put(blinding).array();
        return Commitment.newBuilder()
                .setContent(ByteString.copyFrom(content(quantity, blinding)))
                .setRangeProof(ByteString.copyFrom(opening))
                .build();
    }

    @Override
    public byte[] content(long quantity, UUID sliceId) {
        return content(quantity, blinding(quantity, sliceId));
    }

    @Override
    public byte[] sumProof(UUID certificateId, long sourceQuantity, UUID sourceSliceId, List<NewSlice> newSlices) {
        return new byte[0];
    }

    @Override
    public byte[] equalityProof(UUID allocationId, CertificateSlice production, CertificateSlice consumption) {
        return new byte[0];
    }

    @Override
    public CommitmentVerifier verifier() {
        return VERIFIER;
    }

    /** The committed quantity if the commitment opens correctly and is not negative, otherwise empty. */
    public static OptionalLong verifyOpening(Commitment commitment) {
        byte[] opening = commitment.getRangeProof().toByteArray();
        if (opening.length != QUANTITY_LENGTH + BLINDING_LENGTH) {
            return OptionalLong.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(opening);
        long quantity = buffer.getLong();
        byte[] blinding = new byte[BLINDING_LENGTH];
        buffer.get(blinding);
        if (quantity < 0) {
            return OptionalLong.empty();
        }
        boolean matches = MessageDigest.isEqual(content(quantity, blinding), commitment.getContent().toByteArray());
        return matches ? OptionalLong.of(quantity) : OptionalLong.empty();
    }

    private byte[] blinding(long quantity, UUID sliceId) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        return Digests.hmacSha256(secret, ("blinding:" + sliceId).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] content(long quantity, byte[] blinding) {
        return Digests.sha256(DOMAIN_TAG, ByteBuffer.allocate(QUANTITY_LENGTH).putLong(quantity).array(), blinding);
    }

    private static final class OpeningVerifier implements CommitmentVerifier {

        @Override
        public boolean verifyQuantity(Commitment commitment, String label) {
            return verifyOpening(commitment).isPresent();
        }

        @Override
        public boolean verifySum(byte[] sumProof, Commitment source, List<Commitment> parts, String label) {
            OptionalLong sourceQuantity = verifyOpening(source);
            long sum = 0;
            for (Commitment part : parts) {
                OptionalLong quantity = verifyOpening(part);
                if (quantity.isEmpty()) {
                    return false;
                }
                sum += quantity.getAsLong();
                if (sum < 0) {
                    return false;
                }
            }
            return sourceQuantity.isPresent() && sourceQuantity.getAsLong() == sum;
        }

        @Override
        public boolean verifyEquality(byte[] equalityProof, Commitment production, Commitment consumption,
                String label) {
            OptionalLong left = verifyOpening(production);
            return left.isPresent() && left.equals(verifyOpening(consumption));
        }
    }
}
