package org.originrelay.contracts.events;

import java.util.UUID;

import static org.originrelay.contracts.events.Require.notBlank;
import static org.originrelay.contracts.events.Require.present;

/**
 * The stages of {@code transfer-slice}. From {@code validated} on, the events also carry the slice's
 * current owner and quantity as the validator saw them, which the registry connector needs to sign.
 */
public sealed interface TransferSliceEvent extends CertificateEvent {

    UUID certificateId();

    UUID sliceId();

    String receiver();

    record TransferSliceRequested(UUID commandId, UUID certificateId, UUID sliceId, String receiver,
            String requestedBy) implements TransferSliceEvent {
        public TransferSliceRequested {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            notBlank(receiver, "receiver");
        }

        public TransferSliceValidated validated(String owner, long quantity) {
            return new TransferSliceValidated(commandId, certificateId, sliceId, receiver, owner, quantity,
                    requestedBy);
        }

        public TransferSliceRejected rejected(String reason) {
            return new TransferSliceRejected(commandId, certificateId, sliceId, receiver, requestedBy, reason);
        }
    }

    record TransferSliceValidated(UUID commandId, UUID certificateId, UUID sliceId, String receiver, String owner,
            long quantity, String requestedBy) implements TransferSliceEvent {
        public TransferSliceValidated {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            notBlank(receiver, "receiver");
            notBlank(owner, "owner");
        }

        public TransferSliceRegistryAccepted registryAccepted() {
            return new TransferSliceRegistryAccepted(commandId, certificateId, sliceId, receiver, owner, quantity,
                    requestedBy);
        }

        public TransferSliceRegistryRejected registryRejected(String reason) {
            return new TransferSliceRegistryRejected(commandId, certificateId, sliceId, receiver, owner, quantity,
                    requestedBy, reason);
        }
    }

    record TransferSliceRejected(UUID commandId, UUID certificateId, UUID sliceId, String receiver,
            String requestedBy, String reason) implements TransferSliceEvent, Rejection {
        public TransferSliceRejected {
            present(commandId, "commandId");
            notBlank(reason, "reason");
        }
    }

    record TransferSliceRegistryAccepted(UUID commandId, UUID certificateId, UUID sliceId, String receiver,
            String owner, long quantity, String requestedBy) implements TransferSliceEvent {
        public TransferSliceRegistryAccepted {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            notBlank(receiver, "receiver");
            notBlank(owner, "owner");
        }
    }

    record TransferSliceRegistryRejected(UUID commandId, UUID certificateId, UUID sliceId, String receiver,
            String owner, long quantity, String requestedBy, String reason) implements TransferSliceEvent, Rejection {
        public TransferSliceRegistryRejected {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            notBlank(reason, "reason");
        }
    }
}
