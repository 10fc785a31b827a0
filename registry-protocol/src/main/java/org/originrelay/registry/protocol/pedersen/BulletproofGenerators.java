package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.RistrettoGeneratorTable;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * The vector generators of the bulletproofs crate ({@code BulletproofGens}): party j's G_i (H_i) is the
 * i-th point of a chain read from SHAKE256("GeneratorsChain" ‖ 'G' ‖ LE32(j)) ('H' for H), 64 bytes per
 * point through from_uniform_bytes. The chain does not depend on the capacity asked for, so
 * {@code BulletproofGens::new(32, 1)} (Project Origin) is a prefix of {@code new(64, 8)}.
 */
public final class BulletproofGenerators {

    /**
     * What Project Origin uses: 32 generators for one party, with fixed-base tables (constant time, for
     * the prover's secrets) and multiples (variable time, for its inner-product rounds) for fast proving.
     */
    public static final BulletproofGenerators PROJECT_ORIGIN = new BulletproofGenerators(32, 1, true);

    private final int capacity;
    private final RistrettoElement[][] g;
    private final RistrettoElement[][] h;
    private final RistrettoGeneratorTable[][] gTables;
    private final RistrettoGeneratorTable[][] hTables;
    private final Multiscalar.Multiples[][] gMultiples;
    private final Multiscalar.Multiples[][] hMultiples;

    /** Generators without precomputed tables: slower to use, quick to make (verifying test vectors). */
    public BulletproofGenerators(int capacity, int parties) {
        this(capacity, parties, false);
    }

    private BulletproofGenerators(int capacity, int parties, boolean withTables) {
        this.capacity = capacity;
        this.g = new RistrettoElement[parties][];
        this.h = new RistrettoElement[parties][];
        this.gTables = new RistrettoGeneratorTable[parties][];
        this.hTables = new RistrettoGeneratorTable[parties][];
        this.gMultiples = new Multiscalar.Multiples[parties][];
        this.hMultiples = new Multiscalar.Multiples[parties][];
        for (int party = 0; party < parties; party++) {
            g[party] = chain('G', party, capacity);
            h[party] = chain('H', party, capacity);
            if (withTables) {
                gTables[party] = tables(g[party]);
                hTables[party] = tables(h[party]);
                gMultiples[party] = multiples(g[party]);
                hMultiples[party] = multiples(h[party]);
            }
        }
    }

    int capacity() {
        return capacity;
    }

    int parties() {
        return g.length;
    }

    RistrettoElement g(int party, int index) {
        return g[party][index];
    }

    RistrettoElement h(int party, int index) {
        return h[party][index];
    }

    /** scalar·G_index of the party, constant time, through the table when there is one. */
    RistrettoElement timesG(int party, int index, Scalar scalar) {
        return gTables[party] != null ? gTables[party][index].multiply(scalar) : g[party][index].multiply(scalar);
    }

    /** scalar·H_index of the party, constant time, through the table when there is one. */
    RistrettoElement timesH(int party, int index, Scalar scalar) {
        return hTables[party] != null ? hTables[party][index].multiply(scalar) : h[party][index].multiply(scalar);
    }

    /** The multiples of G_index of the party (variable-time use only); made with the tables, or now. */
    Multiscalar.Multiples gMultiples(int party, int index) {
        return gMultiples[party] != null ? gMultiples[party][index] : new Multiscalar.Multiples(g[party][index]);
    }

    /** The multiples of H_index of the party (variable-time use only); made with the tables, or now. */
    Multiscalar.Multiples hMultiples(int party, int index) {
        return hMultiples[party] != null ? hMultiples[party][index] : new Multiscalar.Multiples(h[party][index]);
    }

    private static RistrettoElement[] chain(char kind, int party, int count) {
        SHAKEDigest shake = new SHAKEDigest(256);
        byte[] prefix = "GeneratorsChain".getBytes(StandardCharsets.US_ASCII);
        shake.update(prefix, 0, prefix.length);
        byte[] label = {(byte) kind, (byte) party, (byte) (party >>> 8), (byte) (party >>> 16), (byte) (party >>> 24)};
        shake.update(label, 0, label.length);
        RistrettoElement[] points = new RistrettoElement[count];
        byte[] uniform = new byte[64];
        for (int i = 0; i < count; i++) {
            shake.doOutput(uniform, 0, uniform.length);
            points[i] = RistrettoElement.fromUniformBytes(uniform);
        }
        return points;
    }

    private static Multiscalar.Multiples[] multiples(RistrettoElement[] points) {
        Multiscalar.Multiples[] multiples = new Multiscalar.Multiples[points.length];
        for (int i = 0; i < points.length; i++) {
            multiples[i] = new Multiscalar.Multiples(points[i]);
        }
        return multiples;
    }

    private static RistrettoGeneratorTable[] tables(RistrettoElement[] points) {
        RistrettoGeneratorTable[] tables = new RistrettoGeneratorTable[points.length];
        for (int i = 0; i < points.length; i++) {
            tables[i] = new RistrettoGeneratorTable(points[i]);
        }
        return tables;
    }
}
