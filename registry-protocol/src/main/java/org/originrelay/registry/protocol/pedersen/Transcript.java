package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;

/**
 * A merlin transcript (protocol "Merlin v1.0" over STROBE-128), the Fiat-Shamir oracle of Bulletproofs
 * and of Project Origin's zero proofs. Labels are ASCII/UTF-8; lengths are 32-bit little-endian.
 */
public final class Transcript {

    private static final byte[] PROTOCOL_LABEL = "Merlin v1.0".getBytes(StandardCharsets.US_ASCII);

    private final Strobe128 strobe;

    public Transcript(byte[] label) {
        strobe = new Strobe128(PROTOCOL_LABEL);
        appendMessage("dom-sep", label);
    }

    private Transcript(Strobe128 strobe) {
        this.strobe = strobe;
    }

    public Transcript copy() {
        return new Transcript(strobe.copy());
    }

    public void appendMessage(String label, byte[] message) {
        strobe.metaAd(ascii(label), false);
        strobe.metaAd(le32(message.length), true);
        strobe.ad(message, false);
    }

    public void appendU64(String label, long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        appendMessage(label, bytes);
    }

    public byte[] challengeBytes(String label, int length) {
        byte[] out = new byte[length];
        strobe.metaAd(ascii(label), false);
        strobe.metaAd(le32(length), true);
        strobe.prf(out, false);
        return out;
    }

    /** 64 challenge bytes reduced modulo the group order, as bulletproofs and Project Origin derive scalars. */
    public Scalar challengeScalar(String label) {
        return Scalar.fromBytesModOrderWide(challengeBytes(label, 64));
    }

    private static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    @Override
    public String toString() {
        return "Transcript[state omitted]";
    }
}
