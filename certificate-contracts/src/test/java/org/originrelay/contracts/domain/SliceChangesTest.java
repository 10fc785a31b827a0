package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceChangesTest {

    private static final UUID CERTIFICATE = UUID.randomUUID();
    private static final UUID SOURCE = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    private final Certificate certificate = Certificate.issue(new IssueCertificate(CERTIFICATE, SOURCE,
            CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-01T01:00:00Z"), 10, "alice"))
            .slice(SOURCE, List.of(new NewSlice(UUID.randomUUID(), 4), new NewSlice(OTHER, 6)));

    @Test
    void aTransferChangesOnlyTheSliceThatMoved() {
        Certificate transferred = certificate.transfer(OTHER, "bob");

        SliceChanges changes = certificate.changesTo(transferred);

        assertThat(changes.removed()).isEmpty();
        assertThat(changes.changed()).containsExactly(transferred.slice(OTHER).orElseThrow());
        assertThat(changes.added()).isEmpty();
    }

    @Test
    void aSlicingRemovesTheSourceAndAddsItsParts() {
        List<NewSlice> parts = List.of(new NewSlice(UUID.randomUUID(), 1), new NewSlice(UUID.randomUUID(), 5));
        Certificate sliced = certificate.slice(OTHER, parts);

        SliceChanges changes = certificate.changesTo(sliced);

        assertThat(changes.removed()).containsExactly(OTHER);
        assertThat(changes.changed()).isEmpty();
        assertThat(changes.added()).extracting(Slice::sliceId)
                .containsExactly(parts.get(0).sliceId(), parts.get(1).sliceId());
    }

    @Test
    void theSameStateChangesNothing() {
        assertThat(certificate.changesTo(certificate)).isEqualTo(new SliceChanges(List.of(), List.of(), List.of()));
    }

    @Test
    void anotherCertificateIsNoNewerStateOfThisOne() {
        Certificate other = new Certificate(UUID.randomUUID(), certificate.type(), certificate.gridArea(),
                certificate.start(), certificate.end(), certificate.quantity(), certificate.slices());

        assertThatThrownBy(() -> certificate.changesTo(other)).isInstanceOf(IllegalArgumentException.class);
    }
}
