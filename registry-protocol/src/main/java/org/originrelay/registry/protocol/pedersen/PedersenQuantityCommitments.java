package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.CompressedRistretto;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.QuantityCommitments;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * Quantity commitments as Project Origin makes them (ProjectOrigin.PedersenCommitment): content = the
 * compressed point {@code quantity·G + r·H} on ristretto255 with Project Origin's generators, range_proof
 * = a 32-bit Bulletproofs range proof labelled with the certificate's stream id, sum and equality proofs =
 * its 64-byte equality proof labelled with the stream id resp. the allocation id.
 *
 * <p>The blinding r of a slice is HMAC-SHA512(secret, "pedersen-blinding:" + sliceId) reduced modulo the
 * group order: derived, never stored, so Origin Relay can re-open any commitment after a restart, and
 * whoever holds the secret can open them all (like {@code OwnerKeys}, it must come from configuration).
 * Quantities are unsigned 32-bit values, as Project Origin's are.
 */
public final class PedersenQuantityCommitments implements QuantityCommitments {

    /** Verifies Project Origin's commitments and proofs; needs no secret. */
    public static final CommitmentVerifier VERIFIER = new Verifier();

    static final int BITS = 32;
    private static final long MAX_QUANTITY = (1L << BITS) - 1;
    private static final String HMAC = "HmacSHA512";

    private final SecretKeySpec secret;

    public PedersenQuantityCommitments(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        this.secret = new SecretKeySpec(secret, HMAC);
    }

    /** Uses the UTF-8 bytes of {@code secret}, as configuration provides it. */
    public static PedersenQuantityCommitments fromSecret(String secret) {
        return new PedersenQuantityCommitments(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Commitment commit(long quantity, UUID sliceId, UUID certificateId) {
        Scalar blinding = blinding(quantity, sliceId);
        RistrettoElement point = PedersenGenerators.PROJECT_ORIGIN.commit(Scalars.of(quantity), blinding);
        RangeProof proof = RangeProof.prove(BulletproofGenerators.PROJECT_ORIGIN, PedersenGenerators.PROJECT_ORIGIN,
                new Transcript(label(certificateId.toString())), quantity, blinding, BITS);
        return Commitment.newBuilder()
                .setContent(ByteString.copyFrom(point.compress().toByteArray()))
                .setRangeProof(ByteString.copyFrom(proof.toBytes()))
                .build();
    }

    @Override
    public byte[] content(long quantity, UUID sliceId) {
        return point(quantity, sliceId).compress().toByteArray();
    }

    @Override
    public byte[] sumProof(UUID certificateId, long sourceQuantity, UUID sourceSliceId, List<NewSlice> newSlices) {
        Scalar partsBlinding = Scalar.ZERO;
        RistrettoElement partsSum = RistrettoElement.IDENTITY;
        for (NewSlice slice : newSlices) {
            Scalar blinding = blinding(slice.quantity(), slice.sliceId());
            partsBlinding = partsBlinding.add(blinding);
            partsSum = partsSum.add(PedersenGenerators.PROJECT_ORIGIN.commit(Scalars.of(slice.quantity()), blinding));
        }
        Scalar sourceBlinding = blinding(sourceQuantity, sourceSliceId);
        RistrettoElement source = PedersenGenerators.PROJECT_ORIGIN.commit(Scalars.of(sourceQuantity), sourceBlinding);
        return ZeroProofs.proveEqual(PedersenGenerators.PROJECT_ORIGIN, sourceBlinding, partsBlinding, source, partsSum,
                label(certificateId.toString()));
    }

    @Override
    public byte[] equalityProof(UUID allocationId, CertificateSlice production, CertificateSlice consumption) {
        Scalar productionBlinding = blinding(production.quantity(), production.sliceId());
        Scalar consumptionBlinding = blinding(consumption.quantity(), consumption.sliceId());
        return ZeroProofs.proveEqual(PedersenGenerators.PROJECT_ORIGIN, productionBlinding, consumptionBlinding,
                PedersenGenerators.PROJECT_ORIGIN.commit(Scalars.of(production.quantity()), productionBlinding),
                PedersenGenerators.PROJECT_ORIGIN.commit(Scalars.of(consumption.quantity()), consumptionBlinding),
                label(allocationId.toString()));
    }

    @Override
    public CommitmentVerifier verifier() {
        return VERIFIER;
    }

    private RistrettoElement point(long quantity, UUID sliceId) {
        return PedersenGenerators.PROJECT_ORIGIN.commit(Scalars.of(quantity), blinding(quantity, sliceId));
    }

    private Scalar blinding(long quantity, UUID sliceId) {
        if (quantity < 0 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be between 0 and " + MAX_QUANTITY + ": " + quantity);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return Scalar.fromBytesModOrderWide(
                    mac.doFinal(("pedersen-blinding:" + sliceId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 unavailable", e);
        }
    }

    private static byte[] label(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<RistrettoElement> point(ByteString content) {
        if (content.size() != 32) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CompressedRistretto(content.toByteArray()).decompress());
        } catch (InvalidEncodingException notAPoint) {
            return Optional.empty();
        }
    }

    private static final class Verifier implements CommitmentVerifier {

        @Override
        public boolean verifyQuantity(Commitment commitment, String label) {
            if (commitment.getContent().size() != 32) {
                return false;
            }
            return RangeProof.fromBytes(commitment.getRangeProof().toByteArray())
                    .map(proof -> proof.verify(BulletproofGenerators.PROJECT_ORIGIN, PedersenGenerators.PROJECT_ORIGIN,
                            new Transcript(label(label)), List.of(commitment.getContent().toByteArray()), BITS))
                    .orElse(false);
        }

        @Override
        public boolean verifySum(byte[] sumProof, Commitment source, List<Commitment> parts, String label) {
            Optional<RistrettoElement> sourcePoint = point(source.getContent());
            if (sourcePoint.isEmpty() || parts.isEmpty()) {
                return false;
            }
            RistrettoElement sum = RistrettoElement.IDENTITY;
            for (Commitment part : parts) {
                Optional<RistrettoElement> partPoint = point(part.getContent());
                if (partPoint.isEmpty()) {
                    return false;
                }
                sum = sum.add(partPoint.get());
            }
            return sumProof.length == ZeroProofs.PROOF_LENGTH && ZeroProofs.verifyEqual(
                    PedersenGenerators.PROJECT_ORIGIN, sumProof, sourcePoint.get(), sum, label(label));
        }

        @Override
        public boolean verifyEquality(byte[] equalityProof, Commitment production, Commitment consumption,
                String label) {
            return ZeroProofs.verifyEqual(PedersenGenerators.PROJECT_ORIGIN, equalityProof,
                    production.getContent().toByteArray(), consumption.getContent().toByteArray(), label(label));
        }
    }
}
