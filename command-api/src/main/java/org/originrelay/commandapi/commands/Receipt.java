package org.originrelay.commandapi.commands;

import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.events.CommandName;

/** The answer to an accepted command: its id, its status and the ids the API assigned for it. */
public sealed interface Receipt {

    UUID commandId();

    CommandStatus status();

    record IssueCertificate(UUID commandId, CommandStatus status, UUID certificateId, UUID sliceId)
            implements Receipt {
    }

    record TransferSlice(UUID commandId, CommandStatus status) implements Receipt {
    }

    record SliceCertificate(UUID commandId, CommandStatus status, List<UUID> newSliceIds) implements Receipt {
        public SliceCertificate {
            newSliceIds = List.copyOf(newSliceIds);
        }
    }

    record Claim(UUID commandId, CommandStatus status, UUID claimId) implements Receipt {
    }

    /** The receipt type of a command, to read a stored receipt back. */
    static Class<? extends Receipt> typeFor(CommandName command) {
        return switch (command) {
            case ISSUE_CERTIFICATE -> IssueCertificate.class;
            case TRANSFER_SLICE -> TransferSlice.class;
            case SLICE_CERTIFICATE -> SliceCertificate.class;
            case CLAIM -> Claim.class;
        };
    }
}
