package org.originrelay.registry.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.DateInterval;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.electricity.UnclaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registry.protocol.v1.registry.TransactionHeader;

/**
 * Builds the signed registry transactions for each certificate operation. Each transaction lives on the
 * stream of one certificate on this registry; its header names the payload's protobuf type and SHA-512
 * and carries a fresh nonce, so two otherwise equal operations still get different transaction ids.
 */
public final class TransactionFactory {

    private final String registryName;
    private final OwnerKeys keys;
    private final QuantityCommitments commitments;

    public TransactionFactory(String registryName, OwnerKeys keys, QuantityCommitments commitments) {
        this.registryName = Objects.requireNonNull(registryName, "registryName");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.commitments = Objects.requireNonNull(commitments, "commitments");
    }

    /**
     * Issues a certificate with one slice owned by {@code owner}; signed by the grid area's issuer. The
     * period must last from one minute to one hour ({@link IssuancePeriods}), or the registry refuses it.
     */
    public Transaction issue(UUID certificateId, UUID sliceId, GranularCertificateType type, Instant start,
            Instant end, String gridArea, long quantity, String owner) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " must be before its end " + end);
        }
        // The registry would FAIL it; better not to send what cannot be committed.
        String periodProblem = IssuancePeriods.problem(start, end);
        if (periodProblem != null) {
            throw new IllegalArgumentException(periodProblem + ": " + start + " to " + end);
        }
        IssuedEvent event = IssuedEvent.newBuilder()
                .setCertificateId(ProtoIds.streamId(registryName, certificateId))
                .setType(type)
                .setPeriod(DateInterval.newBuilder().setStart(timestamp(start)).setEnd(timestamp(end)))
                .setGridArea(gridArea)
                .setQuantityCommitment(commitments.commit(quantity, sliceId, certificateId))
                .setOwnerPublicKey(keys.ownerPublicKey(owner))
                .build();
        return signed(certificateId, event, header -> keys.signAsIssuer(gridArea, header));
    }

    /** Gives the slice to {@code newOwner}; signed by its current owner. The slice keeps its hash. */
    public Transaction transfer(UUID certificateId, UUID sliceId, long quantity, String currentOwner,
            String newOwner) {
        TransferredEvent event = TransferredEvent.newBuilder()
                .setCertificateId(ProtoIds.streamId(registryName, certificateId))
                .setSourceSliceHash(sliceHash(quantity, sliceId))
                .setNewOwner(keys.ownerPublicKey(newOwner))
                .build();
        return signed(certificateId, event, header -> keys.signAsOwner(currentOwner, header));
    }

    /**
     * Cuts a slice into new slices that stay with {@code owner}; signed by the owner. The sum proof shows
     * the new slices' commitments add up to the source's.
     */
    public Transaction slice(UUID certificateId, UUID sourceSliceId, long sourceQuantity, String owner,
            List<NewSlice> newSlices) {
        if (newSlices.isEmpty()) {
            throw new IllegalArgumentException("a slice needs at least one new slice");
        }
        SlicedEvent.Builder event = SlicedEvent.newBuilder()
                .setCertificateId(ProtoIds.streamId(registryName, certificateId))
                .setSourceSliceHash(sliceHash(sourceQuantity, sourceSliceId))
                .setSumProof(ByteString.copyFrom(
                        commitments.sumProof(certificateId, sourceQuantity, sourceSliceId, newSlices)));
        for (NewSlice slice : newSlices) {
            event.addNewSlices(SlicedEvent.Slice.newBuilder()
                    .setQuantity(commitments.commit(slice.quantity(), slice.sliceId(), certificateId))
                    .setNewOwner(keys.ownerPublicKey(owner)));
        }
        return signed(certificateId, event.build(), header -> keys.signAsOwner(owner, header));
    }

    /**
     * Allocates a production slice to a consumption slice, recorded on the stream of
     * {@code streamCertificateId} (one of the two certificates); signed by the owner. The equality proof
     * (labelled with the allocation id) shows both slices hold the same quantity; there is no chronicler.
     */
    public Transaction allocate(UUID allocationId, UUID streamCertificateId, CertificateSlice production,
            CertificateSlice consumption, String owner) {
        if (!streamCertificateId.equals(production.certificateId())
                && !streamCertificateId.equals(consumption.certificateId())) {
            throw new IllegalArgumentException("stream " + streamCertificateId + " is neither allocated certificate");
        }
        AllocatedEvent event = AllocatedEvent.newBuilder()
                .setAllocationId(ProtoIds.uuid(allocationId))
                .setProductionCertificateId(ProtoIds.streamId(registryName, production.certificateId()))
                .setConsumptionCertificateId(ProtoIds.streamId(registryName, consumption.certificateId()))
                .setProductionSourceSliceHash(sliceHash(production.quantity(), production.sliceId()))
                .setConsumptionSourceSliceHash(sliceHash(consumption.quantity(), consumption.sliceId()))
                .setEqualityProof(ByteString.copyFrom(commitments.equalityProof(allocationId, production, consumption)))
                .build();
        return signed(streamCertificateId, event, header -> keys.signAsOwner(owner, header));
    }

    /** Claims the slice allocated under {@code allocationId} on the certificate's stream; signed by the owner. */
    public Transaction claim(UUID certificateId, UUID allocationId, String owner) {
        ClaimedEvent event = ClaimedEvent.newBuilder()
                .setCertificateId(ProtoIds.streamId(registryName, certificateId))
                .setAllocationId(ProtoIds.uuid(allocationId))
                .build();
        return signed(certificateId, event, header -> keys.signAsOwner(owner, header));
    }

    /**
     * Withdraws the whole certificate; signed by the issuer of its grid area. Origin Relay's services do
     * not withdraw; this serves the issuer-side tools and tests.
     */
    public Transaction withdraw(UUID certificateId, String gridArea) {
        return signed(certificateId, WithdrawnEvent.getDefaultInstance(), header -> keys.signAsIssuer(gridArea, header));
    }

    /**
     * Returns the slice claimed under {@code allocationId} to its owner, once the opposite certificate is
     * withdrawn; signed by the owner of the claimed slice.
     */
    public Transaction unclaim(UUID certificateId, UUID allocationId, String owner) {
        UnclaimedEvent event = UnclaimedEvent.newBuilder().setAllocationId(ProtoIds.uuid(allocationId)).build();
        return signed(certificateId, event, header -> keys.signAsOwner(owner, header));
    }

    /**
     * The four transactions of a whole claim, in the order the registry needs them: allocation on the
     * production stream, then on the consumption stream, then the claim on each.
     */
    public List<Transaction> claimTransactions(UUID allocationId, CertificateSlice production,
            CertificateSlice consumption, String owner) {
        return List.of(
                allocate(allocationId, production.certificateId(), production, consumption, owner),
                allocate(allocationId, consumption.certificateId(), production, consumption, owner),
                claim(production.certificateId(), allocationId, owner),
                claim(consumption.certificateId(), allocationId, owner));
    }

    private Transaction signed(UUID certificateId, Message payload, UnaryOperator<byte[]> signer) {
        byte[] payloadBytes = payload.toByteArray();
        TransactionHeader header = TransactionHeader.newBuilder()
                .setFederatedStreamId(ProtoIds.streamId(registryName, certificateId))
                .setPayloadType(payload.getDescriptorForType().getFullName())
                .setPayloadSha512(ByteString.copyFrom(Digests.sha512(payloadBytes)))
                // randomUUID draws from SecureRandom, so nonces are unpredictable as well as unique.
                .setNonce(UUID.randomUUID().toString())
                .build();
        return Transaction.newBuilder()
                .setHeader(header)
                .setHeaderSignature(ByteString.copyFrom(signer.apply(header.toByteArray())))
                .setPayload(ByteString.copyFrom(payloadBytes))
                .build();
    }

    private ByteString sliceHash(long quantity, UUID sliceId) {
        return ByteString.copyFrom(SliceHashes.ofContent(commitments.content(quantity, sliceId)));
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
