package org.originrelay.registry.protocol;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>Public keys travel as Project Origin's verifier imports them: X.509 SubjectPublicKeyInfo DER (NSec's
 * {@code PkixPublicKey}, 44 bytes: a fixed 12-byte prefix and the raw 32-byte key), not the raw key.
 *
 * <p>Derivation means no private key is ever stored outside memory. The {@value #CACHED_KEYS} most
 * recently used derived keys are kept in memory: deriving one (an HMAC and a base-point multiplication
 * for its public key) cost about as much as the signature itself, once per transaction and again for
 * the new owner's public key. That exposes nothing the master secret, in the same memory, does not. The
 * flip side of derivation is that whoever holds the secret can sign for every owner and issuer, so
 * outside development it must come from configuration, never a committed default.
 */
public final class OwnerKeys {

    private static final int RAW_KEY_LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;
    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits) of 32 bytes }. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    static final int ENCODED_KEY_LENGTH = SPKI_PREFIX.length + RAW_KEY_LENGTH;

    /** Enough for the owners and grid areas active at once; about 200 bytes each. */
    static final int CACHED_KEYS = 4096;

    private final byte[] masterSecret;
    /**
     * Derived keys by label, least recently used evicted. By hand rather than a cache library: this
     * module has no such dependency and a bounded LRU map is a few lines; derivation runs outside the lock.
     * The key objects are thread-safe (BouncyCastle computes and caches their public key under a lock).
     */
    private final Map<String, Ed25519PrivateKeyParameters> derived = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ed25519PrivateKeyParameters> eldest) {
            return size() > CACHED_KEYS;
        }
    };

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

    /**
     * Verifies with a key in the encoding keys travel in (SubjectPublicKeyInfo). False, never an exception,
     * for a key that is not such an Ed25519 key, or a bad signature.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (!isEncodedKey(publicKey) || message == null || signature == null) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, SPKI_PREFIX.length));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException notAPoint) {
            return false;
        }
    }

    /** Whether the bytes are an Ed25519 SubjectPublicKeyInfo as Project Origin's verifier parses them. */
    public static boolean isEncodedKey(byte[] publicKey) {
        return publicKey != null && publicKey.length == ENCODED_KEY_LENGTH
                && Arrays.equals(publicKey, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length);
    }

    private Ed25519PrivateKeyParameters ownerKey(String ownerId) {
        return derive("owner:" + Objects.requireNonNull(ownerId, "ownerId"));
    }

    private Ed25519PrivateKeyParameters issuerKey(String gridArea) {
        return derive("issuer:" + Objects.requireNonNull(gridArea, "gridArea"));
    }

    private Ed25519PrivateKeyParameters derive(String label) {
        synchronized (derived) {
            Ed25519PrivateKeyParameters known = derived.get(label);
            if (known != null) {
                return known;
            }
        }
        Ed25519PrivateKeyParameters key = deriveAnew(label);
        synchronized (derived) {
            Ed25519PrivateKeyParameters raced = derived.putIfAbsent(label, key);
            return raced != null ? raced : key;
        }
    }

    private Ed25519PrivateKeyParameters deriveAnew(String label) {
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
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, ENCODED_KEY_LENGTH);
        System.arraycopy(key.getEncoded(), 0, encoded, SPKI_PREFIX.length, RAW_KEY_LENGTH);
        return PublicKey.newBuilder()
                .setContent(ByteString.copyFrom(encoded))
                .setType(KeyType.ED25519)
                .build();
    }
}
