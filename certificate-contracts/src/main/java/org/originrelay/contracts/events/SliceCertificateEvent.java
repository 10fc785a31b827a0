package org.originrelay.contracts.events;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.originrelay.contracts.domain.NewSlice;

import static org.originrelay.contracts.events.Require.notBlank;
import static org.originrelay.contracts.events.Require.present;

/**
 * The stages of {@code slice-certificate}: the source slice is replaced by new slices of the given
 * quantities ({@code newSliceIds[i]} gets {@code quantities[i]}), all with the same owner.
 */
public sealed interface SliceCertificateEvent extends CertificateEvent {

    UUID certificateId();

    UUID sliceId();

    List<Long> quantities();

    List<UUID> newSliceIds();

    /** The new slices as the domain sees them: {@code newSliceIds[i]} gets {@code quantities[i]}. */
    default List<NewSlice> newSlices() {
        if (quantities().size() != newSliceIds().size()) {
            throw new IllegalStateException("there must be one new slice id per quantity");
        }
        return IntStream.range(0, quantities().size())
                .mapToObj(i -> new NewSlice(newSliceIds().get(i), quantities().get(i))).toList();
    }

    record SliceCertificateRequested(UUID commandId, UUID certificateId, UUID sliceId, List<Long> quantities,
            List<UUID> newSliceIds, String requestedBy) implements SliceCertificateEvent {
        public SliceCertificateRequested {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            quantities = List.copyOf(quantities);
            newSliceIds = List.copyOf(newSliceIds);
        }

        public SliceCertificateValidated validated(String owner, long quantity) {
            return new SliceCertificateValidated(commandId, certificateId, sliceId, quantities, newSliceIds, owner,
                    quantity, requestedBy);
        }

        public SliceCertificateRejected rejected(String reason) {
            return new SliceCertificateRejected(commandId, certificateId, sliceId, quantities, newSliceIds,
                    requestedBy, reason);
        }
    }

    record SliceCertificateValidated(UUID commandId, UUID certificateId, UUID sliceId, List<Long> quantities,
            List<UUID> newSliceIds, String owner, long quantity, String requestedBy) implements SliceCertificateEvent {
        public SliceCertificateValidated {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            notBlank(owner, "owner");
            quantities = List.copyOf(quantities);
            newSliceIds = List.copyOf(newSliceIds);
        }

        public SliceCertificateRegistryAccepted registryAccepted() {
            return new SliceCertificateRegistryAccepted(commandId, certificateId, sliceId, quantities, newSliceIds,
                    owner, quantity, requestedBy);
        }

        public SliceCertificateRegistryRejected registryRejected(String reason) {
            return new SliceCertificateRegistryRejected(commandId, certificateId, sliceId, quantities, newSliceIds,
                    owner, quantity, requestedBy, reason);
        }
    }

    record SliceCertificateRejected(UUID commandId, UUID certificateId, UUID sliceId, List<Long> quantities,
            List<UUID> newSliceIds, String requestedBy, String reason) implements SliceCertificateEvent, Rejection {
        public SliceCertificateRejected {
            present(commandId, "commandId");
            notBlank(reason, "reason");
            quantities = quantities == null ? List.of() : List.copyOf(quantities);
            newSliceIds = newSliceIds == null ? List.of() : List.copyOf(newSliceIds);
        }
    }

    record SliceCertificateRegistryAccepted(UUID commandId, UUID certificateId, UUID sliceId, List<Long> quantities,
            List<UUID> newSliceIds, String owner, long quantity, String requestedBy) implements SliceCertificateEvent {
        public SliceCertificateRegistryAccepted {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            notBlank(owner, "owner");
            quantities = List.copyOf(quantities);
            newSliceIds = List.copyOf(newSliceIds);
        }
    }

    record SliceCertificateRegistryRejected(UUID commandId, UUID certificateId, UUID sliceId, List<Long> quantities,
            List<UUID> newSliceIds, String owner, long quantity, String requestedBy, String reason)
            implements SliceCertificateEvent, Rejection {
        public SliceCertificateRegistryRejected {
            present(commandId, "commandId");
            notBlank(reason, "reason");
            quantities = List.copyOf(quantities);
            newSliceIds = List.copyOf(newSliceIds);
        }
    }
}
