package org.originrelay.registry.protocol;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.originrelay.registry.protocol.v1.electricity.KeyType;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;

/**
 * Ed25519 keys of certificate owners and grid-area issuers, derived deterministically from one master
 * secret: the seed of an owner's key is HMAC-SHA256(secret, "owner:" + ownerId), an issuer's is
 * HMAC-SHA256(secret, "issuer:" + gridArea).
 *
 * <p>Derivation means no private key is ever stored: each one is re-derived for the signature that needs
 * it and dropped. The flip side is that whoever holds the secret can sign for every owner and issuer, so
 * outside development it must come from configuration, never a committed default.
 */
public final class OwnerKeys {

    private static final int KEY_LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;

    private final byte[] masterSecret;

    public OwnerKeys(byte[] masterSecret) {
        Objects.requireNonNull(masterSecret, "masterSecret");
        if (masterSecret.length == 0) {
            throw new IllegalArgumentException("master secret must not be empty");
        }
        this.masterSecret = masterSecret.clone();
    }

    /** Uses the UTF-8 bytes of {@code masterSecret}, as configuration provides it. */
    public static OwnerKeys fromSecret(String masterSecret) {
        return new OwnerKeys(masterSecret.getBytes(StandardCharsets.UTF_8));
    }

    public PublicKey ownerPublicKey(String ownerId) {
        return toProto(ownerKey(ownerId).generatePublicKey());
    }

    public PublicKey issuerPublicKey(String gridArea) {
        return toProto(issuerKey(gridArea).generatePublicKey());
    }

    public byte[] signAsOwner(String ownerId, byte[] message) {
        return sign(ownerKey(ownerId), message);
    }

    public byte[] signAsIssuer(String gridArea, byte[] message) {
        return sign(issuerKey(gridArea), message);
    }

    /** False, never an exception, for a key that is not a 32-byte Ed25519 point or a bad signature. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != KEY_LENGTH || message == null || signature == null) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException notAPoint) {
            return false;
        }
    }

    private Ed25519PrivateKeyParameters ownerKey(String ownerId) {
        return derive("owner:" + Objects.requireNonNull(ownerId, "ownerId"));
    }

    private Ed25519PrivateKeyParameters issuerKey(String gridArea) {
        return derive("issuer:" + Objects.requireNonNull(gridArea, "gridArea"));
    }

    private Ed25519PrivateKeyParameters derive(String label) {
        byte[] seed = Digests.hmacSha256(masterSecret, label.getBytes(StandardCharsets.UTF_8));
        try {
            return new Ed25519PrivateKeyParameters(seed, 0);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    private static PublicKey toProto(Ed25519PublicKeyParameters key) {
        return PublicKey.newBuilder()
                .setContent(ByteString.copyFrom(key.getEncoded()))
                .setType(KeyType.ED25519)
                .build();
    }
}
