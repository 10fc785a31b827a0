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
    private static final UUID CERTIFICATE = UUID.fromString("0b6f4a5e-9d0c-4c55-9e35-2a7b8d1f3c11");

    private final OpenedHashCommitments commitments = OpenedHashCommitments.fromSecret("test-secret");

    @Test
    void contentIsTheHashOfTagQuantityAndBlindingCarriedInTheOpening() throws Exception {
        Commitment commitment = commitments.commit(1000, SLICE, CERTIFICATE);

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
        assertThat(OpenedHashCommitments.verifyOpening(commitments.commit(1000, SLICE, CERTIFICATE))).hasValue(1000);
        assertThat(OpenedHashCommitments.verifyOpening(commitments.commit(0, SLICE, CERTIFICATE))).hasValue(0);
    }

    @Test
    void isDeterministicPerSliceAndBlindedPerSlice() {
        assertThat(commitments.commit(1000, SLICE, CERTIFICATE)).isEqualTo(commitments.commit(1000, SLICE, CERTIFICATE));
        assertThat(commitments.commit(1000, UUID.randomUUID(), CERTIFICATE).getContent())
                .isNotEqualTo(commitments.commit(1000, SLICE, CERTIFICATE).getContent());
    }

    @Test
    void aTamperedOpeningOrContentDoesNotOpen() {
        Commitment commitment = commitments.commit(1000, SLICE, CERTIFICATE);
        byte[] opening = commitment.getRangeProof().toByteArray();
        ByteBuffer.wrap(opening).putLong(999);
        byte[] content = commitment.getContent().toByteArray();
        content[0] ^= 1;

        assertThat(OpenedHashCommitments.verifyOpening(commitment.toBuilder().setRangeProof(ByteString.copyFrom(opening)).build()))
                .isEmpty();
        assertThat(OpenedHashCommitments.verifyOpening(commitment.toBuilder().setContent(ByteString.copyFrom(content)).build()))
                .isEmpty();
        assertThat(OpenedHashCommitments.verifyOpening(commitment.toBuilder().setRangeProof(ByteString.EMPTY).build())).isEmpty();
    }

    @Test
    void negativeQuantitiesAreOutOfRange() {
        assertThatThrownBy(() -> commitments.commit(-1, SLICE, CERTIFICATE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVerifierChecksOpeningsSumsAndEqualityFromTheOpeningsAlone() {
        CommitmentVerifier verifier = CommitmentScheme.HASH.verifier();
        Commitment source = commitments.commit(1000, SLICE, CERTIFICATE);
        Commitment first = commitments.commit(400, UUID.randomUUID(), CERTIFICATE);
        Commitment second = commitments.commit(600, UUID.randomUUID(), CERTIFICATE);
        Commitment other = OpenedHashCommitments.fromSecret("other").commit(1000, UUID.randomUUID(), CERTIFICATE);

        assertThat(verifier.verifyQuantity(source, "any label")).isTrue();
        assertThat(verifier.verifySum(new byte[0], source, java.util.List.of(first, second), "l")).isTrue();
        assertThat(verifier.verifySum(new byte[0], source, java.util.List.of(first), "l")).isFalse();
        assertThat(verifier.verifyEquality(new byte[0], source, other, "l")).isTrue();
        assertThat(verifier.verifyEquality(new byte[0], source, first, "l")).isFalse();
    }
}
