package org.originrelay.registryconnector.commands;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Names the four transactions of a claim (allocation and claim, each on the production and the
 * consumption stream) so that a claim stopped part-way can say what the registry applied, and a new
 * claim of the same slices can send only what is missing.
 */
final class ClaimSteps {

    private ClaimSteps() {
    }

    /** Which step a transaction is, e.g. "the allocation on the production slice"; empty if no claim step. */
    static Optional<String> describe(Transaction transaction, UUID productionCertificateId) {
        return step(transaction, productionCertificateId).map(step -> switch (step) {
            case "allocated:production" -> "the allocation on the production slice";
            case "allocated:consumption" -> "the allocation on the consumption slice";
            case "claimed:production" -> "the claim of the production slice";
            default -> "the claim of the consumption slice";
        });
    }

    private static Optional<String> step(Transaction transaction) {
        String type = transaction.getHeader().getPayloadType();
        String stream = transaction.getHeader().getFederatedStreamId().getStreamId().getValue();
        try {
            if (type.equals(AllocatedEvent.getDescriptor().getFullName())) {
                AllocatedEvent allocation = AllocatedEvent.parseFrom(transaction.getPayload());
                boolean production = allocation.getProductionCertificateId().getStreamId().getValue().equals(stream);
                return Optional.of(production ? "allocated:production" : "allocated:consumption");
            }
            if (type.equals(ClaimedEvent.getDescriptor().getFullName())) {
                return Optional.of("claimed:" + stream);
            }
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A key naming the step (kind and side), independent of nonce and allocation id. */
    static Optional<String> step(Transaction transaction, UUID productionCertificateId) {
        return step(transaction).map(step -> step.startsWith("claimed:")
                ? (step.equals("claimed:" + productionCertificateId) ? "claimed:production" : "claimed:consumption")
                : step);
    }

    /** The allocation id a claim step names. */
    static Optional<UUID> allocationId(Transaction transaction) {
        String type = transaction.getHeader().getPayloadType();
        try {
            if (type.equals(AllocatedEvent.getDescriptor().getFullName())) {
                return Optional.of(UUID.fromString(AllocatedEvent.parseFrom(transaction.getPayload())
                        .getAllocationId().getValue()));
            }
            if (type.equals(ClaimedEvent.getDescriptor().getFullName())) {
                return Optional.of(UUID.fromString(ClaimedEvent.parseFrom(transaction.getPayload())
                        .getAllocationId().getValue()));
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** "a, b and c". */
    static String joined(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }
}
