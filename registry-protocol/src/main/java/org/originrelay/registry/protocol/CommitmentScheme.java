package org.originrelay.registry.protocol;

import java.util.Locale;
import org.originrelay.registry.protocol.pedersen.PedersenQuantityCommitments;

/**
 * The quantity commitment schemes Origin Relay can use, by configuration name. {@link #PEDERSEN} is the
 * default everywhere; {@link #HASH} exists only for tests that want speed and must be asked for by name.
 */
public enum CommitmentScheme {

    /** Project Origin's Pedersen commitments with Bulletproofs range proofs (ADR 0006). */
    PEDERSEN {
        @Override
        public QuantityCommitments commitments(String secret) {
            return PedersenQuantityCommitments.fromSecret(secret);
        }

        @Override
        public CommitmentVerifier verifier() {
            return PedersenQuantityCommitments.VERIFIER;
        }
    },

    /** Opened hash commitments: binding, NOT hiding, understood only by our simulator. Tests only. */
    HASH {
        @Override
        public QuantityCommitments commitments(String secret) {
            return OpenedHashCommitments.fromSecret(secret);
        }

        @Override
        public CommitmentVerifier verifier() {
            return OpenedHashCommitments.VERIFIER;
        }
    };

    public abstract QuantityCommitments commitments(String secret);

    public abstract CommitmentVerifier verifier();

    /** "pedersen" or "hash", case-insensitive; anything else is a configuration error. */
    public static CommitmentScheme named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            throw new IllegalArgumentException("unknown commitment scheme '" + name + "'; use pedersen or hash");
        }
    }
}
