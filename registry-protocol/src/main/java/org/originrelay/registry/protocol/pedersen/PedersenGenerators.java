package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.RistrettoGeneratorTable;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.originrelay.registry.protocol.Digests;

/**
 * The two generators of a Pedersen commitment {@code v·G + r·H}: {@code G} for the value, {@code H} for
 * the blinding (bulletproofs' {@code B} and {@code B_blinding}). Fixed-base tables make the constant-time
 * multiplications by secrets fast.
 */
public final class PedersenGenerators {

    /**
     * Project Origin's generators (ProjectOrigin.PedersenCommitment's {@code Generator.Default}):
     * G = from_uniform_bytes(SHA-512(pi to 42 decimals)), H = from_uniform_bytes(SHA-512(SHA-512(...))).
     */
    public static final PedersenGenerators PROJECT_ORIGIN = projectOrigin();

    /**
     * The bulletproofs crate's {@code PedersenGens::default()}: G = the ristretto basepoint, H =
     * hash_from_bytes::&lt;Sha3_512&gt;(compressed basepoint). Only the crate's own test vectors use it.
     */
    public static final PedersenGenerators BULLETPROOFS_DEFAULT = new PedersenGenerators(
            Constants.RISTRETTO_GENERATOR,
            RistrettoElement.fromUniformBytes(sha3_512(Constants.RISTRETTO_GENERATOR.compress().toByteArray())));

    private final RistrettoElement g;
    private final RistrettoElement h;
    private final RistrettoGeneratorTable gTable;
    private final RistrettoGeneratorTable hTable;
    private final Multiscalar.Multiples gMultiples;

    PedersenGenerators(RistrettoElement g, RistrettoElement h) {
        this.g = g;
        this.h = h;
        this.gTable = new RistrettoGeneratorTable(g);
        this.hTable = new RistrettoGeneratorTable(h);
        this.gMultiples = new Multiscalar.Multiples(g);
    }

    private static PedersenGenerators projectOrigin() {
        byte[] first = Digests.sha512("3.141592653589793238462643383279502884197169".getBytes(StandardCharsets.US_ASCII));
        byte[] second = Digests.sha512(first);
        return new PedersenGenerators(RistrettoElement.fromUniformBytes(first),
                RistrettoElement.fromUniformBytes(second));
    }

    public RistrettoElement g() {
        return g;
    }

    public RistrettoElement h() {
        return h;
    }

    /** {@code value·G + blinding·H}, constant time in both scalars. */
    public RistrettoElement commit(Scalar value, Scalar blinding) {
        return gTable.multiply(value).add(hTable.multiply(blinding));
    }

    RistrettoElement timesG(Scalar scalar) {
        return gTable.multiply(scalar);
    }

    /** G's multiples, for variable-time sums over public scalars only (the inner-product rounds). */
    Multiscalar.Multiples gMultiples() {
        return gMultiples;
    }

    RistrettoElement timesH(Scalar scalar) {
        return hTable.multiply(scalar);
    }

    private static byte[] sha3_512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA3-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-512 unavailable", e);
        }
    }
}
