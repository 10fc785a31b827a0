package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;

import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.RistrettoElement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.originrelay.registry.protocol.Digests;

/** Published vectors: FIPS 202 (through the JDK), merlin, RFC 9496, and the bulletproofs crate's proofs. */
class KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 100, 135})
    void theKeccakPermutationGivesTheJdksSha3OnOneBlock(int length) throws Exception {
        byte[] message = new byte[length];
        for (int i = 0; i < length; i++) {
            message[i] = (byte) (i * 7 + 1);
        }
        byte[] state = new byte[200];
        byte[] padded = new byte[136];
        System.arraycopy(message, 0, padded, 0, length);
        padded[length] ^= 0x06;
        padded[135] ^= (byte) 0x80;
        for (int i = 0; i < padded.length; i++) {
            state[i] ^= padded[i];
        }
        Keccak.permute(state);
        byte[] digest = java.util.Arrays.copyOf(state, 32);
        assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA3-256").digest(message));
    }

    @Test
    void merlinSimpleTranscriptVector() {
        Transcript transcript = new Transcript(ascii("test protocol"));
        transcript.appendMessage("some label", ascii("some data"));
        assertThat(HEX.formatHex(transcript.challengeBytes("challenge", 32)))
                .isEqualTo("d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615");
    }

    @Test
    void merlinComplexTranscriptVector() {
        Transcript transcript = new Transcript(ascii("test protocol"));
        transcript.appendMessage("step1", ascii("some data"));
        byte[] data = new byte[1024];
        java.util.Arrays.fill(data, (byte) 99);
        byte[] challenge = null;
        for (int i = 0; i < 32; i++) {
            challenge = transcript.challengeBytes("challenge", 32);
            transcript.appendMessage("bigdata", data);
            transcript.appendMessage("challengedata", challenge);
        }
        assertThat(HEX.formatHex(challenge))
                .isEqualTo("a8c933f54fae76e3f9bea93648c1308e7dfa2152dd51674ff3ca438351cf003c");
    }

    @Test
    void rfc9496MultiplesOfTheGenerator() {
        String[] multiples = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
            "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
            "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
            "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
            "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
        };
        RistrettoElement point = RistrettoElement.IDENTITY;
        for (String multiple : multiples) {
            assertThat(HEX.formatHex(point.compress().toByteArray())).isEqualTo(multiple);
            point = point.add(Constants.RISTRETTO_GENERATOR);
        }
        assertThat(HEX.formatHex(Constants.RISTRETTO_GENERATOR.multiply(Scalars.of(15)).compress().toByteArray()))
                .isEqualTo("e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e");
    }

    @Test
    void rfc9496HashToGroupThroughFromUniformBytes() {
        String[][] vectors = {
            {"Ristretto is traditionally a short shot of espresso coffee",
                "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46"},
            {"made with the normal amount of ground coffee but extracted with",
                "f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b"},
            {"about half the amount of water in the same amount of time",
                "006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826"},
            {"by using a finer grind.", "f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a"},
            {"This produces a concentrated shot of coffee per volume.",
                "ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179"},
            {"Just pulling a normal shot short will produce a weaker shot",
                "e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628"},
            {"and is not a Ristretto as some believe.",
                "80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065"},
        };
        for (String[] vector : vectors) {
            RistrettoElement point = RistrettoElement.fromUniformBytes(Digests.sha512(ascii(vector[0])));
            assertThat(HEX.formatHex(point.compress().toByteArray())).as(vector[0]).isEqualTo(vector[1]);
        }
    }

    @Test
    void everyPublishedBulletproofsRangeProofVerifies() throws IOException {
        Vectors vectors = Vectors.load();
        BulletproofGenerators generators = new BulletproofGenerators(64, 8);
        for (Vectors.Proof proof : vectors.proofs()) {
            RangeProof parsed = RangeProof.fromBytes(proof.bytes()).orElseThrow();
            assertThat(parsed.toBytes()).isEqualTo(proof.bytes());
            boolean valid = parsed.verify(generators, PedersenGenerators.BULLETPROOFS_DEFAULT,
                    new Transcript(ascii("Deserialize-And-Verify Test")), vectors.commitments().subList(0, proof.m()),
                    proof.n());
            assertThat(valid).as("n=%d m=%d", proof.n(), proof.m()).isTrue();
        }
    }

    @Test
    void aPublishedProofFailsUnderAnotherLabelOrCommitmentOrBitSize() throws IOException {
        Vectors vectors = Vectors.load();
        Vectors.Proof proof = vectors.proof(32, 1);
        RangeProof parsed = RangeProof.fromBytes(proof.bytes()).orElseThrow();
        BulletproofGenerators generators = new BulletproofGenerators(64, 1);
        PedersenGenerators pedersen = PedersenGenerators.BULLETPROOFS_DEFAULT;
        List<byte[]> commitment = vectors.commitments().subList(0, 1);
        assertThat(parsed.verify(generators, pedersen, new Transcript(ascii("another label")), commitment, 32))
                .isFalse();
        assertThat(parsed.verify(generators, pedersen, new Transcript(ascii("Deserialize-And-Verify Test")),
                vectors.commitments().subList(1, 2), 32)).isFalse();
        assertThat(parsed.verify(generators, pedersen, new Transcript(ascii("Deserialize-And-Verify Test")),
                commitment, 64)).isFalse();
        assertThat(parsed.verify(generators, PedersenGenerators.PROJECT_ORIGIN,
                new Transcript(ascii("Deserialize-And-Verify Test")), commitment, 32)).isFalse();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    record Vectors(List<byte[]> commitments, List<Proof> proofs) {

        record Proof(int n, int m, byte[] bytes) {
        }

        Proof proof(int n, int m) {
            return proofs.stream().filter(p -> p.n() == n && p.m() == m).findFirst().orElseThrow();
        }

        static Vectors load() throws IOException {
            try (InputStream in = KnownAnswerTest.class.getResourceAsStream(
                    "/pedersen/bulletproofs-deserialize-and-verify.txt")) {
                List<byte[]> commitments = new ArrayList<>();
                List<Proof> proofs = new ArrayList<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    String[] fields = line.split(" ");
                    if (fields[0].equals("commitment")) {
                        commitments.add(HEX.parseHex(fields[1]));
                    } else if (fields[0].equals("proof")) {
                        proofs.add(new Proof(Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
                                HEX.parseHex(fields[3])));
                    }
                }
                return new Vectors(commitments, proofs);
            }
        }
    }
}
