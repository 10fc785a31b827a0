package org.originrelay.registry.simulator;

import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.StreamEvents;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

/** Checks what every transaction must satisfy, then hands it to the rule for its payload type. */
final class CommitRules {

    private final Streams streams;
    private final PrecheckedRangeProofs rangeProofs;
    private final Map<String, EventRule> rules;

    CommitRules(Streams streams, Function<String, Optional<byte[]>> issuerKeys, CommitmentVerifier commitments) {
        this.streams = streams;
        this.rangeProofs = new PrecheckedRangeProofs(commitments);
        this.rules = Map.of(
                IssuedEvent.getDescriptor().getFullName(), new IssuedRule(issuerKeys, rangeProofs),
                TransferredEvent.getDescriptor().getFullName(), new TransferredRule(),
                SlicedEvent.getDescriptor().getFullName(), new SlicedRule(rangeProofs),
                AllocatedEvent.getDescriptor().getFullName(), new AllocatedRule(commitments),
                ClaimedEvent.getDescriptor().getFullName(), new ClaimedRule());
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
            throw new Rejection("stream is on registry '" + stream.getRegistry() + "', not on this registry '"
                    + streams.registryName() + "'");
        }
        String streamId = stream.getStreamId().getValue();
        if (streamId.isEmpty()) {
            throw new Rejection("header names no stream");
        }
        byte[] payloadHash = Digests.sha512(transaction.getPayload().toByteArray());
        if (!MessageDigest.isEqual(payloadHash, header.getPayloadSha512().toByteArray())) {
            throw new Rejection("payload_sha512 does not match the payload");
        }
        EventRule rule = rules.get(header.getPayloadType());
        if (rule == null && StreamEvents.payloadTypes().contains(header.getPayloadType())) {
            // Withdrawals and unclaims are issuer-side operations Origin Relay never sends.
            throw new Rejection("payload_type '" + header.getPayloadType() + "' is not supported by this simulator");
        }
        if (rule == null) {
            throw new Rejection("unknown payload_type '" + header.getPayloadType() + "'");
        }
        rule.apply(transaction, streamId, streams);
        streams.require(streamId).append(transaction);
    }
}
