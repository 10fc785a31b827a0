package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.CompressedRistretto;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Bulletproofs range proof in the byte format of the bulletproofs crate (zkcrypto, 5.x): points A, S,
 * T_1, T_2, scalars t_x, t_x_blinding, e_blinding, then the inner-product proof (L_k, R_k pairs, a, b),
 * every element 32 bytes. Proving is for one value; verifying also accepts the crate's aggregated proofs
 * (m values), which is what lets us check ourselves against the crate's published vectors.
 */
public final class RangeProof {

    private static final int ELEMENT = 32;

    private final byte[][] points;
    private final Scalar tx;
    private final Scalar txBlinding;
    private final Scalar eBlinding;
    private final byte[][] leftRounds;
    private final byte[][] rightRounds;
    private final Scalar a;
    private final Scalar b;

    private RangeProof(byte[][] points, Scalar tx, Scalar txBlinding, Scalar eBlinding, byte[][] leftRounds,
            byte[][] rightRounds, Scalar a, Scalar b) {
        this.points = points;
        this.tx = tx;
        this.txBlinding = txBlinding;
        this.eBlinding = eBlinding;
        this.leftRounds = leftRounds;
        this.rightRounds = rightRounds;
        this.a = a;
        this.b = b;
    }

    /**
     * Proves that {@code value} (unsigned, below 2^bits) is what {@code value·G + blinding·H} commits to.
     * The transcript must be fresh from the verifier's label; it is consumed.
     */
    public static RangeProof prove(BulletproofGenerators bulletproofGenerators, PedersenGenerators pedersen,
            Transcript transcript, long value, Scalar blinding, int bits) {
        checkBits(bits);
        if (bulletproofGenerators.capacity() < bits) {
            throw new IllegalArgumentException("not enough generators for " + bits + " bits");
        }
        if (bits < 64 && (value >>> bits) != 0) {
            throw new IllegalArgumentException("value is outside the range proven");
        }
        transcript.appendMessage("dom-sep", ascii("rangeproof v1"));
        transcript.appendU64("n", bits);
        transcript.appendU64("m", 1);
        RistrettoElement commitment = pedersen.commit(Scalars.of(value), blinding);
        transcript.appendMessage("V", commitment.compress().toByteArray());

        Scalar aBlinding = Scalars.random();
        RistrettoElement bigA = pedersen.timesH(aBlinding);
        for (int i = 0; i < bits; i++) {
            int bit = (int) ((value >>> i) & 1);
            RistrettoElement minusH = bulletproofGenerators.h(0, i).negate();
            bigA = bigA.add(minusH.ctSelect(bulletproofGenerators.g(0, i), bit));
        }
        Scalar sBlinding = Scalars.random();
        Scalar[] sL = new Scalar[bits];
        Scalar[] sR = new Scalar[bits];
        RistrettoElement bigS = pedersen.timesH(sBlinding);
        for (int i = 0; i < bits; i++) {
            sL[i] = Scalars.random();
            sR[i] = Scalars.random();
            bigS = bigS.add(bulletproofGenerators.timesG(0, i, sL[i]))
                    .add(bulletproofGenerators.timesH(0, i, sR[i]));
        }
        byte[] aBytes = bigA.compress().toByteArray();
        byte[] sBytes = bigS.compress().toByteArray();
        transcript.appendMessage("A", aBytes);
        transcript.appendMessage("S", sBytes);
        Scalar y = transcript.challengeScalar("y");
        Scalar z = transcript.challengeScalar("z");
        Scalar zz = z.multiply(z);

        Scalar[] l0 = new Scalar[bits];
        Scalar[] r0 = new Scalar[bits];
        Scalar[] r1 = new Scalar[bits];
        Scalar[] powersOfY = Scalars.powers(y, bits);
        Scalar powerOfTwo = Scalar.ONE;
        for (int i = 0; i < bits; i++) {
            Scalar aL = Scalars.of((value >>> i) & 1);
            Scalar aR = aL.subtract(Scalar.ONE);
            l0[i] = aL.subtract(z);
            r0[i] = powersOfY[i].multiply(aR.add(z)).add(zz.multiply(powerOfTwo));
            r1[i] = powersOfY[i].multiply(sR[i]);
            powerOfTwo = powerOfTwo.add(powerOfTwo);
        }
        Scalar t0 = Scalars.innerProduct(l0, r0);
        Scalar t2 = Scalars.innerProduct(sL, r1);
        Scalar t1 = Scalars.innerProduct(l0, r1).add(Scalars.innerProduct(sL, r0));

        Scalar t1Blinding = Scalars.random();
        Scalar t2Blinding = Scalars.random();
        byte[] t1Bytes = pedersen.commit(t1, t1Blinding).compress().toByteArray();
        byte[] t2Bytes = pedersen.commit(t2, t2Blinding).compress().toByteArray();
        transcript.appendMessage("T_1", t1Bytes);
        transcript.appendMessage("T_2", t2Bytes);
        Scalar x = transcript.challengeScalar("x");

        Scalar tx = t2.multiply(x).add(t1).multiply(x).add(t0);
        Scalar txBlinding = t2Blinding.multiply(x).add(t1Blinding).multiply(x).add(zz.multiply(blinding));
        Scalar eBlinding = sBlinding.multiplyAndAdd(x, aBlinding);
        Scalar[] l = new Scalar[bits];
        Scalar[] r = new Scalar[bits];
        for (int i = 0; i < bits; i++) {
            l[i] = sL[i].multiplyAndAdd(x, l0[i]);
            r[i] = r1[i].multiplyAndAdd(x, r0[i]);
        }
        transcript.appendMessage("t_x", tx.toByteArray());
        transcript.appendMessage("t_x_blinding", txBlinding.toByteArray());
        transcript.appendMessage("e_blinding", eBlinding.toByteArray());
        Scalar w = transcript.challengeScalar("w");

        Scalar[] hFactors = Scalars.powers(Scalars.invertPublic(y), bits);
        InnerProduct ipp = new InnerProduct(bulletproofGenerators, pedersen, w, hFactors);
        return ipp.prove(transcript, l, r, new byte[][] {aBytes, sBytes, t1Bytes, t2Bytes}, tx, txBlinding, eBlinding);
    }

    /**
     * The inner-product argument's prover. Instead of folding the generator vectors round by round (a
     * variable-base multiplication per generator and round), it keeps, for every original generator, the
     * public product of the challenges it has been folded with, and computes each L and R directly over
     * the original generators as one multi-scalar sum over their precomputed multiples.
     *
     * <p>That sum is <strong>variable time</strong>, and may be: its scalars are the folded l(x), r(x)
     * times public challenges, and the original Bulletproofs range proof (Bünz et al., section 4.2) may
     * send l(x) and r(x) in the clear — they are blinded by the random s_L, s_R, and the proof stays zero
     * knowledge with them published; the inner-product argument only makes them shorter. Timing can tell
     * no more than publishing them would (and c_L, c_R are inner products of those vectors). What depends
     * on v and the blindings alone (V, A, S, T_1, T_2, t_x_blinding) stays constant time.
     */
    private static final class InnerProduct {

        private final PedersenGenerators pedersen;
        private final Scalar w;
        private final Scalar[] gCoefficients;
        private final Scalar[] hCoefficients;
        private final Multiscalar.Multiples[] gMultiples;
        private final Multiscalar.Multiples[] hMultiples;

        InnerProduct(BulletproofGenerators generators, PedersenGenerators pedersen, Scalar w, Scalar[] hFactors) {
            this.pedersen = pedersen;
            int n = hFactors.length;
            this.gMultiples = new Multiscalar.Multiples[n];
            this.hMultiples = new Multiscalar.Multiples[n];
            for (int j = 0; j < n; j++) {
                gMultiples[j] = generators.gMultiples(0, j);
                hMultiples[j] = generators.hMultiples(0, j);
            }
            this.w = w;
            this.hCoefficients = hFactors.clone();
            this.gCoefficients = new Scalar[hFactors.length];
            java.util.Arrays.fill(gCoefficients, Scalar.ONE);
        }

        RangeProof prove(Transcript transcript, Scalar[] a, Scalar[] b, byte[][] points, Scalar tx,
                Scalar txBlinding, Scalar eBlinding) {
            int n = a.length;
            transcript.appendMessage("dom-sep", ascii("ipp v1"));
            transcript.appendU64("n", n);
            int rounds = Integer.numberOfTrailingZeros(n);
            byte[][] lefts = new byte[rounds][];
            byte[][] rights = new byte[rounds][];
            int length = n;
            for (int round = 0; round < rounds; round++) {
                int half = length / 2;
                Scalar cL = Scalar.ZERO;
                Scalar cR = Scalar.ZERO;
                for (int i = 0; i < half; i++) {
                    cL = a[i].multiplyAndAdd(b[half + i], cL);
                    cR = a[half + i].multiplyAndAdd(b[i], cR);
                }
                // Every original generator is in exactly one of L's terms and one of R's: G_j in L when its
                // folded index is in the upper half, H_j otherwise; the other way round in R. Last, c·w·Q.
                Scalar[] leftScalars = new Scalar[n + 1];
                Scalar[] rightScalars = new Scalar[n + 1];
                Multiscalar.Multiples[] leftBases = new Multiscalar.Multiples[n + 1];
                Multiscalar.Multiples[] rightBases = new Multiscalar.Multiples[n + 1];
                for (int j = 0; j < n; j++) {
                    int i = j % length;
                    if (i >= half) {
                        leftScalars[j] = a[i - half].multiply(gCoefficients[j]);
                        leftBases[j] = gMultiples[j];
                        rightScalars[j] = b[i - half].multiply(hCoefficients[j]);
                        rightBases[j] = hMultiples[j];
                    } else {
                        leftScalars[j] = b[i + half].multiply(hCoefficients[j]);
                        leftBases[j] = hMultiples[j];
                        rightScalars[j] = a[i + half].multiply(gCoefficients[j]);
                        rightBases[j] = gMultiples[j];
                    }
                }
                leftScalars[n] = cL.multiply(w);
                leftBases[n] = pedersen.gMultiples();
                rightScalars[n] = cR.multiply(w);
                rightBases[n] = pedersen.gMultiples();
                RistrettoElement left = Multiscalar.sumVartime(leftScalars, leftBases);
                RistrettoElement right = Multiscalar.sumVartime(rightScalars, rightBases);
                lefts[round] = left.compress().toByteArray();
                rights[round] = right.compress().toByteArray();
                transcript.appendMessage("L", lefts[round]);
                transcript.appendMessage("R", rights[round]);
                Scalar u = transcript.challengeScalar("u");
                Scalar uInverse = Scalars.invertPublic(u);
                for (int i = 0; i < half; i++) {
                    a[i] = a[i].multiply(u).add(uInverse.multiply(a[half + i]));
                    b[i] = b[i].multiply(uInverse).add(u.multiply(b[half + i]));
                }
                for (int j = 0; j < n; j++) {
                    boolean leftHalf = j % length < half;
                    gCoefficients[j] = gCoefficients[j].multiply(leftHalf ? uInverse : u);
                    hCoefficients[j] = hCoefficients[j].multiply(leftHalf ? u : uInverse);
                }
                length = half;
            }
            return new RangeProof(points, tx, txBlinding, eBlinding, lefts, rights, a[0], b[0]);
        }
    }

    /**
     * Verifies against the commitments (compressed, 32 bytes each) with a transcript fresh from the
     * prover's label. False for any malformed input, never an exception.
     */
    public boolean verify(BulletproofGenerators bulletproofGenerators, PedersenGenerators pedersen,
            Transcript transcript, List<byte[]> commitments, int bits) {
        int m = commitments.size();
        if (!validBits(bits) || m == 0 || Integer.bitCount(m) != 1 || bulletproofGenerators.capacity() < bits
                || bulletproofGenerators.parties() < m) {
            return false;
        }
        int nm = bits * m;
        if (leftRounds.length >= 32 || nm != 1 << leftRounds.length) {
            return false;
        }
        try {
            return verifyOrThrow(bulletproofGenerators, pedersen, transcript, commitments, bits, m, nm);
        } catch (InvalidEncodingException | IllegalArgumentException | ArithmeticException invalid) {
            return false;
        }
    }

    private boolean verifyOrThrow(BulletproofGenerators gens, PedersenGenerators pedersen, Transcript transcript,
            List<byte[]> commitments, int bits, int m, int nm) throws InvalidEncodingException {
        transcript.appendMessage("dom-sep", ascii("rangeproof v1"));
        transcript.appendU64("n", bits);
        transcript.appendU64("m", m);
        for (byte[] commitment : commitments) {
            if (commitment.length != ELEMENT) {
                return false;
            }
            transcript.appendMessage("V", commitment);
        }
        if (!appendNonIdentity(transcript, "A", points[0]) || !appendNonIdentity(transcript, "S", points[1])) {
            return false;
        }
        Scalar y = transcript.challengeScalar("y");
        Scalar z = transcript.challengeScalar("z");
        Scalar zz = z.multiply(z);
        if (!appendNonIdentity(transcript, "T_1", points[2]) || !appendNonIdentity(transcript, "T_2", points[3])) {
            return false;
        }
        Scalar x = transcript.challengeScalar("x");
        transcript.appendMessage("t_x", tx.toByteArray());
        transcript.appendMessage("t_x_blinding", txBlinding.toByteArray());
        transcript.appendMessage("e_blinding", eBlinding.toByteArray());
        Scalar w = transcript.challengeScalar("w");
        // The verifier's own random weight for folding the two checks into one (as the crate does).
        Scalar c = Scalars.random();

        int rounds = leftRounds.length;
        transcript.appendMessage("dom-sep", ascii("ipp v1"));
        transcript.appendU64("n", nm);
        Scalar[] challengesSquared = new Scalar[rounds];
        Scalar[] inverseChallengesSquared = new Scalar[rounds];
        Scalar allInverse = Scalar.ONE;
        for (int k = 0; k < rounds; k++) {
            if (!appendNonIdentity(transcript, "L", leftRounds[k]) || !appendNonIdentity(transcript, "R", rightRounds[k])) {
                return false;
            }
            Scalar u = transcript.challengeScalar("u");
            Scalar uInverse = Scalars.invertPublic(u);
            allInverse = allInverse.multiply(uInverse);
            challengesSquared[k] = u.multiply(u);
            inverseChallengesSquared[k] = uInverse.multiply(uInverse);
        }
        Scalar[] s = new Scalar[nm];
        s[0] = allInverse;
        for (int i = 1; i < nm; i++) {
            int lgI = 31 - Integer.numberOfLeadingZeros(i);
            int k = 1 << lgI;
            s[i] = s[i - k].multiply(challengesSquared[rounds - 1 - lgI]);
        }

        Scalar minusZ = Scalars.negate(z);
        Scalar[] powersOfYInverse = Scalars.powers(Scalars.invertPublic(y), nm);
        Scalar[] powersOfTwo = Scalars.powers(Scalars.of(2), bits);
        Scalar[] powersOfZ = Scalars.powers(z, m);

        int terms = 4 + 2 * rounds + 2 + 2 * nm + m;
        Scalar[] scalars = new Scalar[terms];
        RistrettoElement[] bases = new RistrettoElement[terms];
        int t = 0;
        scalars[t] = Scalar.ONE;
        bases[t++] = decompress(points[0]);
        scalars[t] = x;
        bases[t++] = decompress(points[1]);
        scalars[t] = c.multiply(x);
        bases[t++] = decompress(points[2]);
        scalars[t] = c.multiply(x).multiply(x);
        bases[t++] = decompress(points[3]);
        for (int k = 0; k < rounds; k++) {
            scalars[t] = challengesSquared[k];
            bases[t++] = decompress(leftRounds[k]);
            scalars[t] = inverseChallengesSquared[k];
            bases[t++] = decompress(rightRounds[k]);
        }
        scalars[t] = Scalars.negate(eBlinding).subtract(c.multiply(txBlinding));
        bases[t++] = pedersen.h();
        scalars[t] = w.multiply(tx.subtract(a.multiply(b))).add(c.multiply(delta(bits, m, y, z).subtract(tx)));
        bases[t++] = pedersen.g();
        for (int i = 0; i < nm; i++) {
            int party = i / bits;
            int index = i % bits;
            Scalar zAndTwo = powersOfZ[party].multiply(powersOfTwo[index]);
            scalars[t] = minusZ.subtract(a.multiply(s[i]));
            bases[t++] = gens.g(party, index);
            scalars[t] = z.add(powersOfYInverse[i].multiply(zz.multiply(zAndTwo).subtract(b.multiply(s[nm - 1 - i]))));
            bases[t++] = gens.h(party, index);
        }
        for (int j = 0; j < m; j++) {
            scalars[t] = c.multiply(zz).multiply(powersOfZ[j]);
            bases[t++] = decompress(commitments.get(j));
        }
        // Everything here is public (proof, commitments, challenges, the verifier's own weight c).
        RistrettoElement sum = Multiscalar.sumVartime(scalars, bases);
        return sum.ctEquals(RistrettoElement.IDENTITY) == 1;
    }

    private static Scalar delta(int bits, int m, Scalar y, Scalar z) {
        Scalar zz = z.multiply(z);
        Scalar sumY = Scalars.sumOfPowers(y, bits * m);
        Scalar sumTwo = Scalars.sumOfPowers(Scalars.of(2), bits);
        Scalar sumZ = Scalars.sumOfPowers(z, m);
        return z.subtract(zz).multiply(sumY).subtract(zz.multiply(z).multiply(sumTwo).multiply(sumZ));
    }

    private static boolean appendNonIdentity(Transcript transcript, String label, byte[] point) {
        if (Arrays.equals(point, new byte[ELEMENT])) {
            return false;
        }
        transcript.appendMessage(label, point);
        return true;
    }

    private static RistrettoElement decompress(byte[] point) throws InvalidEncodingException {
        return new CompressedRistretto(point).decompress();
    }

    public byte[] toBytes() {
        int rounds = leftRounds.length;
        byte[] out = new byte[(7 + 2 * rounds + 2) * ELEMENT];
        int offset = 0;
        for (byte[] point : points) {
            offset = put(out, offset, point);
        }
        offset = put(out, offset, tx.toByteArray());
        offset = put(out, offset, txBlinding.toByteArray());
        offset = put(out, offset, eBlinding.toByteArray());
        for (int k = 0; k < rounds; k++) {
            offset = put(out, offset, leftRounds[k]);
            offset = put(out, offset, rightRounds[k]);
        }
        offset = put(out, offset, a.toByteArray());
        put(out, offset, b.toByteArray());
        return out;
    }

    /** Parses the crate's format; empty for a wrong length or a non-canonical scalar, as the crate refuses them. */
    public static Optional<RangeProof> fromBytes(byte[] bytes) {
        if (bytes.length % ELEMENT != 0 || bytes.length < 9 * ELEMENT) {
            return Optional.empty();
        }
        int elements = bytes.length / ELEMENT;
        int ippElements = elements - 7;
        if ((ippElements - 2) % 2 != 0 || (ippElements - 2) / 2 >= 32) {
            return Optional.empty();
        }
        int rounds = (ippElements - 2) / 2;
        try {
            byte[][] points = {element(bytes, 0), element(bytes, 1), element(bytes, 2), element(bytes, 3)};
            Scalar tx = Scalar.fromCanonicalBytes(element(bytes, 4));
            Scalar txBlinding = Scalar.fromCanonicalBytes(element(bytes, 5));
            Scalar eBlinding = Scalar.fromCanonicalBytes(element(bytes, 6));
            byte[][] lefts = new byte[rounds][];
            byte[][] rights = new byte[rounds][];
            for (int k = 0; k < rounds; k++) {
                lefts[k] = element(bytes, 7 + 2 * k);
                rights[k] = element(bytes, 8 + 2 * k);
            }
            Scalar a = Scalar.fromCanonicalBytes(element(bytes, 7 + 2 * rounds));
            Scalar b = Scalar.fromCanonicalBytes(element(bytes, 8 + 2 * rounds));
            return Optional.of(new RangeProof(points, tx, txBlinding, eBlinding, lefts, rights, a, b));
        } catch (IllegalArgumentException nonCanonical) {
            return Optional.empty();
        }
    }

    private static byte[] element(byte[] bytes, int index) {
        return Arrays.copyOfRange(bytes, index * ELEMENT, (index + 1) * ELEMENT);
    }

    private static int put(byte[] out, int offset, byte[] element) {
        System.arraycopy(element, 0, out, offset, ELEMENT);
        return offset + ELEMENT;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean validBits(int bits) {
        return bits == 8 || bits == 16 || bits == 32 || bits == 64;
    }

    private static void checkBits(int bits) {
        if (!validBits(bits)) {
            throw new IllegalArgumentException("bits must be 8, 16, 32 or 64: " + bits);
        }
    }
}
