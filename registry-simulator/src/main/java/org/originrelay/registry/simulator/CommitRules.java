package org.originrelay.registry.simulator;

import com.google.protobuf.Descriptors.Descriptor;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.ElectricityProto;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.electricity.UnclaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

/**
 * Checks what every transaction must satisfy, then hands it to the rule for its payload type, as the
 * registry ({@code TransactionProcessorDispatcher.cs}) hands it to the verifier of its payload's family
 * and the electricity verifier to the verifier of its event type ({@code VerifierDispatcher.cs}).
 */
final class CommitRules {

    private static final String ELECTRICITY_FAMILY = ElectricityProto.getDescriptor().getPackage();

    private final Streams streams;
    private final PrecheckedRangeProofs rangeProofs;
    private final Map<String, EventRule> rules;

    CommitRules(Streams streams, Function<String, Optional<byte[]>> issuerKeys, CommitmentVerifier commitments) {
        this(streams, issuerKeys, commitments, Expiry.never(Clock.systemUTC()), TimeConstraint.ENCLOSING);
    }

    CommitRules(Streams streams, Function<String, Optional<byte[]>> issuerKeys, CommitmentVerifier commitments,
            Expiry expiry, TimeConstraint timeConstraint) {
        this.streams = streams;
        this.rangeProofs = new PrecheckedRangeProofs(commitments);
        this.rules = Map.of(
                IssuedEvent.getDescriptor().getFullName(), new IssuedRule(issuerKeys, rangeProofs),
                TransferredEvent.getDescriptor().getFullName(), new TransferredRule(expiry),
                SlicedEvent.getDescriptor().getFullName(), new SlicedRule(rangeProofs, expiry),
                AllocatedEvent.getDescriptor().getFullName(),
                new AllocatedRule(commitments, issuerKeys, expiry, timeConstraint),
                ClaimedEvent.getDescriptor().getFullName(), new ClaimedRule(expiry),
                WithdrawnEvent.getDescriptor().getFullName(), new WithdrawnRule(issuerKeys),
                UnclaimedEvent.getDescriptor().getFullName(), new UnclaimedRule());
    }

    /**
     * The costly checks that need no stream state (range proofs); safe to run outside any lock, ahead of
     * {@link #commit}, which then reuses their results.
     */
    void precheck(Transaction transaction) {
        rangeProofs.precheck(transaction);
    }

    /** Records the transaction on its stream, or throws a {@link Rejection} and changes nothing. */
    void commit(Transaction transaction) {
        if (!transaction.hasHeader()) {
            throw new Rejection("transaction has no header");
        }
        TransactionHeader header = transaction.getHeader();
        FederatedStreamId stream = header.getFederatedStreamId();
        if (!streams.registryName().equals(stream.getRegistry())) {
            throw new Rejection("Invalid registry for transaction");
        }
        String streamId = stream.getStreamId().getValue();
        if (!isUuid(streamId)) {
            throw new Rejection("stream id '" + streamId + "' is not a UUID");
        }
        // The real registry never compares payload and payload_sha512; the signature covers only the
        // header, so this simulator does, to catch a client that would send an unauthenticated payload.
        byte[] payloadHash = Digests.sha512(transaction.getPayload().toByteArray());
        if (!MessageDigest.isEqual(payloadHash, header.getPayloadSha512().toByteArray())) {
            throw new Rejection("payload_sha512 does not match the payload");
        }
        ruleFor(header.getPayloadType()).apply(transaction, streamId, streams);
        streams.require(streamId).append(transaction);
    }

    private EventRule ruleFor(String payloadType) {
        EventRule rule = rules.get(payloadType);
        if (rule != null) {
            return rule;
        }
        int lastDot = payloadType.lastIndexOf('.');
        String family = lastDot < 0 ? "" : payloadType.substring(0, lastDot);
        if (!family.equals(ELECTRICITY_FAMILY)) {
            // The real registry has no verifier for the family and leaves the transaction unprocessed.
            throw new Rejection("No verifier found for transaction family " + family);
        }
        Descriptor known = ElectricityProto.getDescriptor().findMessageTypeByName(payloadType.substring(lastDot + 1));
        if (known != null) {
            throw new Rejection("No verifier implemented for payload type \u201d" + payloadType + "\u201d");
        }
        throw new Rejection("Could not deserialize unknown type \u201d" + payloadType + "\u201d");
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
