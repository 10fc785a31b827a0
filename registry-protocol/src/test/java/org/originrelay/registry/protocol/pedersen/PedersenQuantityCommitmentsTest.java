package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cafe.cryptography.curve25519.CompressedRistretto;
import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

class PedersenQuantityCommitmentsTest {

    private static final UUID CERTIFICATE = UUID.fromString("0b6f4a5e-9d0c-4c55-9e35-2a7b8d1f3c11");
    private static final UUID SLICE = UUID.fromString("6f1c9d7e-2a42-4a53-9b8e-0c4d5e6f7a8b");

    private final PedersenQuantityCommitments commitments = PedersenQuantityCommitments.fromSecret("test-secret");
    private final CommitmentVerifier verifier = commitments.verifier();

    @Test
    void aCommitmentIsReopenedIdenticallyAfterARestartFromSecretSliceAndQuantity() {
        Commitment first = commitments.commit(1000, SLICE, CERTIFICATE);
        PedersenQuantityCommitments afterRestart = PedersenQuantityCommitments.fromSecret("test-secret");

        assertThat(afterRestart.content(1000, SLICE)).isEqualTo(first.getContent().toByteArray());
        assertThat(commitments.content(1000, UUID.randomUUID())).isNotEqualTo(first.getContent().toByteArray());
        assertThat(PedersenQuantityCommitments.fromSecret("other").content(1000, SLICE))
                .isNotEqualTo(first.getContent().toByteArray());
        // Hiding: the same quantity under another blinding is another point.
        assertThat(commitments.content(1000, SLICE)).isNotEqualTo(commitments.content(1001, SLICE));
    }

    @Test
    void theContentIsQuantityTimesGPlusTheDerivedBlindingTimesH() throws Exception {
        byte[] content = commitments.content(7, SLICE);
        byte[] zero = commitments.content(0, SLICE);

        // Same slice, same blinding: the difference is exactly 7·G.
        var difference = new CompressedRistretto(content).decompress()
                .subtract(new CompressedRistretto(zero).decompress());
        assertThat(difference.compress().toByteArray())
                .isEqualTo(PedersenGenerators.PROJECT_ORIGIN.g().multiply(Scalars.of(7)).compress().toByteArray());
    }

    @Test
    void quantitiesOutsideUnsigned32BitsAreRefused() {
        assertThatThrownBy(() -> commitments.commit(1L << 32, SLICE, CERTIFICATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
        assertThatThrownBy(() -> commitments.content(-1, SLICE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(verifier.verifyQuantity(commitments.commit(0xFFFF_FFFFL, SLICE, CERTIFICATE), CERTIFICATE.toString()))
                .isTrue();
    }

    @Test
    void aCommitmentThatIsNotARistrettoPointFailsEveryCheckWithoutAnException() {
        Commitment valid = commitments.commit(600, SLICE, CERTIFICATE);
        // All ones is no canonical encoding, 31 bytes no encoding at all; the identity is a point, but not this one.
        for (byte[] content : List.of(filled(32, (byte) 0xFF), filled(31, (byte) 0), filled(32, (byte) 0))) {
            Commitment invalid = valid.toBuilder().setContent(ByteString.copyFrom(content)).build();

            assertThat(verifier.verifyQuantity(invalid, CERTIFICATE.toString())).isFalse();
            byte[] sumProof = commitments.sumProof(CERTIFICATE, 600, SLICE, List.of(new NewSlice(SLICE, 600)));
            assertThat(verifier.verifySum(sumProof, invalid, List.of(valid), CERTIFICATE.toString())).isFalse();
            assertThat(verifier.verifySum(sumProof, valid, List.of(invalid), CERTIFICATE.toString())).isFalse();
        }
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    @Test
    void proofsVerifyOnlyForTheirLabelsAndNotAsOneAnother() {
        UUID allocation = UUID.randomUUID();
        CertificateSlice production = new CertificateSlice(CERTIFICATE, SLICE, 600);
        CertificateSlice consumption = new CertificateSlice(UUID.randomUUID(), UUID.randomUUID(), 600);
        byte[] equality = commitments.equalityProof(allocation, production, consumption);
        Commitment productionCommitment = contentOnly(commitments.content(600, SLICE));
        Commitment consumptionCommitment = contentOnly(commitments.content(600, consumption.sliceId()));
        List<NewSlice> parts = List.of(new NewSlice(UUID.randomUUID(), 250), new NewSlice(UUID.randomUUID(), 350));
        byte[] sum = commitments.sumProof(CERTIFICATE, 600, SLICE, parts);
        List<Commitment> partCommitments = parts.stream()
                .map(part -> contentOnly(commitments.content(part.quantity(), part.sliceId()))).toList();

        assertThat(verifier.verifyEquality(equality, productionCommitment, consumptionCommitment, allocation.toString()))
                .isTrue();
        assertThat(verifier.verifyEquality(equality, productionCommitment, consumptionCommitment, CERTIFICATE.toString()))
                .isFalse();
        assertThat(verifier.verifySum(sum, productionCommitment, partCommitments, CERTIFICATE.toString())).isTrue();
        assertThat(verifier.verifySum(sum, productionCommitment, partCommitments, allocation.toString())).isFalse();
        assertThat(verifier.verifySum(sum, productionCommitment, partCommitments.reversed(), CERTIFICATE.toString()))
                .as("the sum is the same, but the proof's transcript names the sum, not the parts").isTrue();
        assertThat(verifier.verifySum(new byte[63], productionCommitment, partCommitments, CERTIFICATE.toString()))
                .isFalse();
        assertThat(verifier.verifyQuantity(contentOnly(new byte[31]), CERTIFICATE.toString())).isFalse();
    }

    private static Commitment contentOnly(byte[] content) {
        return Commitment.newBuilder().setContent(ByteString.copyFrom(content)).build();
    }
}
