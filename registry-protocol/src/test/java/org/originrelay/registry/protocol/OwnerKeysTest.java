package org.originrelay.registry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;

class OwnerKeysTest {

    private static final byte[] MESSAGE = "header bytes".getBytes(StandardCharsets.UTF_8);

    private final OwnerKeys keys = OwnerKeys.fromSecret("test-secret");

    @Test
    void ownerKeyIsTheEd25519KeyOfTheHmacSeed() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] seed = mac.doFinal("owner:alice".getBytes(StandardCharsets.UTF_8));
        byte[] expected = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();

        PublicKey key = keys.ownerPublicKey("alice");

        assertThat(key.getType()).isEqualTo(KeyType.ED25519);
        byte[] content = key.getContent().toByteArray();
        assertThat(content).hasSize(44);
        // X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410), the encoding Project Origin's verifier parses.
        assertThat(HexFormat.of().formatHex(content, 0, 12)).isEqualTo("302a300506032b6570032100");
        assertThat(java.util.Arrays.copyOfRange(content, 12, 44)).isEqualTo(expected);
        assertThat(java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(content)).getAlgorithm()).isEqualTo("EdDSA");
    }

    @Test
    void aKeyIsTheSameWhetherCachedOrDerivedAgainAfterEviction() {
        byte[] signature = keys.signAsOwner("alice", MESSAGE);
        PublicKey alice = keys.ownerPublicKey("alice");
        assertThat(keys.signAsOwner("alice", MESSAGE)).isEqualTo(signature);

        for (int owner = 0; owner < OwnerKeys.CACHED_KEYS; owner++) {
            keys.ownerPublicKey("owner-" + owner);
        }

        // Ed25519 signatures are deterministic: a re-derived key signs exactly as the cached one did.
        assertThat(keys.signAsOwner("alice", MESSAGE)).isEqualTo(signature);
        assertThat(keys.ownerPublicKey("alice")).isEqualTo(alice);
        assertThat(OwnerKeys.verify(raw(alice), MESSAGE, signature)).isTrue();
    }

    @Test
    void derivationIsDeterministicAndSeparatesOwnersIssuersAndSecrets() {
        PublicKey alice = keys.ownerPublicKey("alice");

        assertThat(OwnerKeys.fromSecret("test-secret").ownerPublicKey("alice")).isEqualTo(alice);
        assertThat(keys.ownerPublicKey("bob")).isNotEqualTo(alice);
        assertThat(keys.issuerPublicKey("alice")).isNotEqualTo(alice);
        assertThat(OwnerKeys.fromSecret("other-secret").ownerPublicKey("alice")).isNotEqualTo(alice);
    }

    @Test
    void ownerSignatureVerifiesOnlyWithThatOwnersKeyAndMessage() {
        byte[] signature = keys.signAsOwner("alice", MESSAGE);

        assertThat(OwnerKeys.verify(raw(keys.ownerPublicKey("alice")), MESSAGE, signature)).isTrue();
        assertThat(OwnerKeys.verify(raw(keys.ownerPublicKey("bob")), MESSAGE, signature)).isFalse();
        assertThat(OwnerKeys.verify(raw(keys.ownerPublicKey("alice")), "other".getBytes(StandardCharsets.UTF_8),
                signature)).isFalse();
    }

    @Test
    void issuerSignatureVerifiesWithTheGridAreasKey() {
        byte[] signature = keys.signAsIssuer("DK1", MESSAGE);

        assertThat(OwnerKeys.verify(raw(keys.issuerPublicKey("DK1")), MESSAGE, signature)).isTrue();
        assertThat(OwnerKeys.verify(raw(keys.issuerPublicKey("DK2")), MESSAGE, signature)).isFalse();
    }

    @Test
    void malformedKeysAndSignaturesAreRejectedWithoutException() {
        byte[] signature = keys.signAsOwner("alice", MESSAGE);
        byte[] key = raw(keys.ownerPublicKey("alice"));

        assertThat(OwnerKeys.verify(new byte[31], MESSAGE, signature)).isFalse();
        assertThat(OwnerKeys.verify(java.util.Arrays.copyOfRange(key, 12, 44), MESSAGE, signature)).isFalse();
        assertThat(OwnerKeys.verify(null, MESSAGE, signature)).isFalse();
        assertThat(OwnerKeys.verify(key, MESSAGE, new byte[10])).isFalse();
        assertThat(OwnerKeys.verify(key, MESSAGE, new byte[64])).isFalse();
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> new OwnerKeys(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] raw(PublicKey key) {
        return key.getContent().toByteArray();
    }
}
