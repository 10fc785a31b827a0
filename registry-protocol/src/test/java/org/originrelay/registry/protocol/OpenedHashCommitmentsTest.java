package org.originrelay.registry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

class OpenedHashCommitmentsTest {

    private static final UUID SLICE = UUID.fromString("6f1c9d7e-2a42-4a53-9b8e-0c4d5e6f7a8b");

    private final OpenedHashCommitments commitments = OpenedHashCommitments.fromSecret("test-secret");

    @Test
    void contentIsTheHashOfTagQuantityAndBlindingCarriedInTheOpening() throws Exception {
        Commitment commitment = commitments.commit(1000, SLICE);

        ByteBuffer opening = commitment.getRangeProof().asReadOnlyByteBuffer();
        assertThat(opening.remaining()).isEqualTo(40);
        assertThat(opening.getLong()).isEqualTo(1000);
        byte[] blinding = new byte[32];
        opening.get(blinding);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("origin-relay/commitment/v1".getBytes(StandardCharsets.UTF_8));
        sha256.update(ByteBuffer.allocate(8).putLong(1000).array());
        sha256.update(blinding);
        assertThat(commitment.getContent().toByteArray()).isEqualTo(sha256.digest());
    }

    @Test
    void opensToTheCommittedQuantity() {
        assertThat(commitments.verifyOpening(commitments.commit(1000, SLICE))).hasValue(1000);
        assertThat(commitments.verifyOpening(commitments.commit(0, SLICE))).hasValue(0);
    }

    @Test
    void isDeterministicPerSliceAndBlindedPerSlice() {
        assertThat(commitments.commit(1000, SLICE)).isEqualTo(commitments.commit(1000, SLICE));
        assertThat(commitments.commit(1000, UUID.randomUUID()).getContent())
                .isNotEqualTo(commitments.commit(1000, SLICE).getContent());
    }

    @Test
    void aTamperedOpeningOrContentDoesNotOpen() {
        Commitment commitment = commitments.commit(1000, SLICE);
        byte[] opening = commitment.getRangeProof().toByteArray();
        ByteBuffer.wrap(opening).putLong(999);
        byte[] content = commitment.getContent().toByteArray();
        content[0] ^= 1;

        assertThat(commitments.verifyOpening(commitment.toBuilder().setRangeProof(ByteString.copyFrom(opening)).build()))
                .isEmpty();
        assertThat(commitments.verifyOpening(commitment.toBuilder().setContent(ByteString.copyFrom(content)).build()))
                .isEmpty();
        assertThat(commitments.verifyOpening(commitment.toBuilder().setRangeProof(ByteString.EMPTY).build())).isEmpty();
    }

    @Test
    void negativeQuantitiesAreOutOfRange() {
        assertThatThrownBy(() -> commitments.commit(-1, SLICE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerifierOpensCommitmentsFromAnySecretButCannotCommit() {
        QuantityCommitments verifier = OpenedHashCommitments.verifier();

        assertThat(verifier.verifyOpening(commitments.commit(42, SLICE))).hasValue(42);
        assertThatThrownBy(() -> verifier.commit(42, SLICE)).isInstanceOf(UnsupportedOperationException.class);
    }
}
