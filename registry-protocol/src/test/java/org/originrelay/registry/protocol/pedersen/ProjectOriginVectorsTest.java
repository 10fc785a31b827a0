package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.OwnerKeys;

/**
 * The only fixed values Project Origin's repositories hold that touch what we build (searched:
 * pedersen-commitment, registry, verifier_electricity, wallet, stamp, hierarchical-deterministic-keys; see
 * ADR 0006). Their tests otherwise draw random blindings, keys and quantities.
 */
class ProjectOriginVectorsTest {

    /**
     * pedersen-commitment {@code ScalarTests.Negate}: −1 is ℓ − 1, serialized little-endian as the C#
     * {@code BigInteger.ToByteArray()} it is compared with.
     */
    @Test
    void minusOneIsTheGroupOrderLessOneAsPedersenCommitmentsScalarTestsExpect() {
        BigInteger expected = new BigInteger(
                "7237005577332262213973186563042994240857116359379907606001950938285454250988");
        byte[] littleEndian = reverse(expected.toByteArray());

        assertThat(Scalars.negate(Scalars.of(1)).toByteArray()).isEqualTo(Arrays.copyOf(littleEndian, 32));
        assertThat(Scalars.toBigInteger(Scalars.negate(Scalars.of(1)))).isEqualTo(expected);
    }

    /**
     * verifier_electricity's flow tests sign issuances with a fixed Ed25519 issuer key, given as PKCS#8
     * ({@code AbstractFlowTest}); the verifier imports issuer and owner keys as X.509 SubjectPublicKeyInfo.
     * A signature the JDK's own Ed25519 makes with that key over a header verifies with our verifier
     * against the key in our encoding, and the key's PKCS#8 algorithm identifier is Ed25519's (1.3.101.112).
     */
    @Test
    void verifierElectricitysTestIssuerKeySignsWhatOurKeyEncodingVerifies() throws Exception {
        byte[] pkcs8 = Base64.getDecoder().decode("MC4CAQAwBQYDK2VwBCIEIGMlF8WEyXOy8ZSRkfq+TlNSnFdtjs9ONkBDf2fsHMA6");
        assertThat(HexFormat.of().formatHex(pkcs8, 0, 16)).isEqualTo("302e020100300506032b657004220420");
        PrivateKey issuer = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] header = "a serialized TransactionHeader".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(issuer);
        signer.update(header);
        byte[] signature = signer.sign();

        byte[] raw = new Ed25519PrivateKeyParameters(pkcs8, 16).generatePublicKey().getEncoded();
        byte[] subjectPublicKeyInfo = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, subjectPublicKeyInfo, 0, 12);
        System.arraycopy(raw, 0, subjectPublicKeyInfo, 12, 32);

        assertThat(OwnerKeys.verify(subjectPublicKeyInfo, header, signature)).isTrue();
        assertThat(OwnerKeys.verify(raw, header, signature)).isFalse();
    }

    private static byte[] reverse(byte[] bigEndian) {
        byte[] bytes = new byte[bigEndian.length];
        for (int i = 0; i < bigEndian.length; i++) {
            bytes[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return bytes;
    }
}
