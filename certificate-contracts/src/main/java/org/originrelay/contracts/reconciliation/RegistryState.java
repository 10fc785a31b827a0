package org.originrelay.contracts.reconciliation;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.Slice;

/**
 * A view's certificate as a {@link CertificateReconciled} says the registry has it: the registry wins, so the
 * result replaces whatever the view had. Plain Java, shared by the validator and the projection.
 */
public final class RegistryState {

    private RegistryState() {
    }

    /**
     * The certificate the view must hold now. The certificate's own facts (type, grid area, period, quantity)
     * come from the event, or from what the view knew when the event leaves them out.
     *
     * @throws IllegalArgumentException when the view does not know the certificate and the event does not
     *     carry its facts either: nothing could be shown without guessing
     */
    public static Certificate certificateOf(CertificateReconciled reconciled, Optional<Certificate> known) {
        var slices = reconciled.slices().stream().map(RegistryState::sliceOf).toList();
        var type = reconciled.type() != null ? reconciled.type() : known.map(Certificate::type).orElse(null);
        var gridArea = reconciled.gridArea() != null ? reconciled.gridArea() : known.map(Certificate::gridArea).orElse(null);
        var start = reconciled.start() != null ? reconciled.start() : known.map(Certificate::start).orElse(null);
        var end = reconciled.end() != null ? reconciled.end() : known.map(Certificate::end).orElse(null);
        Long quantity = reconciled.quantity() != null ? reconciled.quantity() : known.map(Certificate::quantity).orElse(null);
        if (type == null || gridArea == null || start == null || end == null || quantity == null) {
            throw new IllegalArgumentException("certificate " + reconciled.certificateId() + " is not in this view and "
                    + "the reconciliation does not say its type, grid area, period and quantity");
        }
        return new Certificate(reconciled.certificateId(), type, gridArea, start, end, quantity, slices);
    }

    /**
     * A slice Origin Relay did not make has no id of ours; the view keys it by an id derived from its
     * registry hash, the same in every view and on every reconciliation.
     */
    public static UUID sliceIdOf(ReconciledSlice slice) {
        return slice.sliceId() != null ? slice.sliceId()
                : UUID.nameUUIDFromBytes(("registry-slice:" + slice.sliceHash()).getBytes(StandardCharsets.UTF_8));
    }

    private static Slice sliceOf(ReconciledSlice slice) {
        UUID sliceId = sliceIdOf(slice);
        return slice.quantityKnown()
                ? new Slice(sliceId, slice.owner(), slice.quantity(), slice.state(), slice.allocationId(), true)
                : Slice.ofUnknownQuantity(sliceId, slice.owner(), slice.state(), slice.allocationId());
    }
}
