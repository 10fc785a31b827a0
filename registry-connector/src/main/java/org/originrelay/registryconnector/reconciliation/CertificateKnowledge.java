package org.originrelay.registryconnector.reconciliation;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.QuantityCommitments;
import org.originrelay.registry.protocol.SliceHashes;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore.OwnCommand;

/**
 * What the connector's own commands on a certificate tell about its stream: the hash of every slice it
 * committed (recomputed from the slice id and quantity, as the commitment is derived from them), the keys
 * of every owner they named, and the certificate's quantity.
 */
public final class CertificateKnowledge {

    private final OwnerKeys keys;
    private final QuantityCommitments commitments;

    public CertificateKnowledge(OwnerKeys keys, QuantityCommitments commitments) {
        this.keys = keys;
        this.commitments = commitments;
    }

    /** The names, and the quantity as issued (null when the issue is not the connector's). */
    public record Known(SliceNames names, Long quantity) {
    }

    public Known of(UUID certificateId, List<OwnCommand> commands) {
        SliceNames names = new SliceNames();
        Long quantity = null;
        for (OwnCommand command : commands) {
            switch (command.validated()) {
                case IssueCertificateValidated issue -> {
                    quantity = issue.quantity();
                    slice(names, issue.sliceId(), issue.quantity());
                    owner(names, issue.owner());
                }
                case SliceCertificateValidated slicing -> {
                    slice(names, slicing.sliceId(), slicing.quantity());
                    for (int i = 0; i < Math.min(slicing.newSliceIds().size(), slicing.quantities().size()); i++) {
                        slice(names, slicing.newSliceIds().get(i), slicing.quantities().get(i));
                    }
                    owner(names, slicing.owner());
                }
                case TransferSliceValidated transfer -> {
                    slice(names, transfer.sliceId(), transfer.quantity());
                    owner(names, transfer.owner());
                    owner(names, transfer.receiver());
                }
                case ClaimValidated claim -> {
                    slice(names, certificateId.equals(claim.productionCertificateId())
                            ? claim.productionSliceId() : claim.consumptionSliceId(), claim.quantity());
                    owner(names, claim.owner());
                }
                default -> {
                    // Only validated commands are stored.
                }
            }
        }
        return new Known(names, quantity);
    }

    private void slice(SliceNames names, UUID sliceId, long quantity) {
        if (quantity > 0) {
            String hash = StreamDecoder.hash(ByteString.copyFrom(SliceHashes.ofContent(commitments.content(quantity, sliceId))));
            names.slice(hash, sliceId, quantity);
        }
    }

    private void owner(SliceNames names, String ownerId) {
        names.owner(keys.ownerPublicKey(ownerId).getContent(), ownerId);
    }
}
