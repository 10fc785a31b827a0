package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateInvariantTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void slicesAddingUpToTheQuantityMakeACertificate() {
        assertThatNoException().isThrownBy(() -> certificate(10, slice(4), slice(6)));
    }

    @Test
    void slicesThatDoNotAddUpAreRefused() {
        assertThatThrownBy(() -> certificate(10, slice(4), slice(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("add up to 9, not its quantity 10");
    }

    @Test
    void aSumPastTheLargestLongIsNeverTakenForTheQuantityItWrapsAroundTo() {
        // Long.MAX_VALUE + Long.MAX_VALUE + 3 wraps around to 1.
        assertThatThrownBy(() -> certificate(1, slice(Long.MAX_VALUE), slice(Long.MAX_VALUE), slice(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add up to 18446744073709551617, not its quantity 1");
    }

    @Test
    void slicesOfUnknownQuantityMayHoldTheRestButNotMore() {
        Slice unknown = Slice.ofUnknownQuantity(UUID.randomUUID(), "external:key", SliceState.AVAILABLE, null);

        assertThatNoException().isThrownBy(() -> certificate(10, slice(4), unknown));
        assertThatThrownBy(() -> certificate(10, slice(11), unknown))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than its quantity 10");
        assertThatThrownBy(() -> certificate(Long.MAX_VALUE, slice(Long.MAX_VALUE), slice(1), unknown))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than its quantity");
    }

    @Test
    void aSliceIdTwiceIsRefused() {
        Slice slice = slice(5);

        assertThatThrownBy(() -> certificate(10, slice, slice))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has a slice id twice");
    }

    @Test
    void theSlicesAreCopied() {
        assertThat(certificate(4, slice(4)).slices()).isUnmodifiable();
    }

    private static Slice slice(long quantity) {
        return new Slice(UUID.randomUUID(), "alice", quantity, SliceState.AVAILABLE);
    }

    private static Certificate certificate(long quantity, Slice... slices) {
        return new Certificate(UUID.randomUUID(), CertificateType.PRODUCTION, "DK1", START, START.plusSeconds(3600),
                quantity, List.of(slices));
    }
}
