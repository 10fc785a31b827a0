package org.originrelay.registryconnector.reconciliation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.registry.protocol.SliceHashes;
import org.originrelay.registry.protocol.StreamEvents;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Derives a certificate's slices from the transactions of its stream, in stream order, by each header's
 * {@code payload_type}. The registry has verified every committed transaction, so nothing is verified
 * again here; what cannot be applied (a payload type Origin Relay does not read, a slice hash the stream
 * never created, an allocation that is not there) is kept as an {@link StreamState.Anomaly}, never skipped
 * silently.
 */
public final class StreamDecoder {

    private static final String ISSUED = IssuedEvent.getDescriptor().getFullName();
    private static final String SLICED = SlicedEvent.getDescriptor().getFullName();
    private static final String TRANSFERRED = TransferredEvent.getDescriptor().getFullName();
    private static final String ALLOCATED = AllocatedEvent.getDescriptor().getFullName();
    private static final String CLAIMED = ClaimedEvent.getDescriptor().getFullName();

    private StreamDecoder() {
    }

    /** The state after every transaction of the stream. */
    public static StreamState decode(UUID certificateId, List<Transaction> stream) {
        return decode(certificateId, stream, position -> true);
    }

    /**
     * The state after the transactions whose position {@code include} accepts; the others are passed
     * over (e.g. to derive what was announced, which leaves out changes nobody announced).
     */
    public static StreamState decode(UUID certificateId, List<Transaction> stream, IntPredicate include) {
        var decoding = new Decoding(certificateId.toString());
        for (int position = 0; position < stream.size(); position++) {
            if (include.test(position)) {
                decoding.apply(position, stream.get(position));
            }
        }
        return new StreamState(decoding.issued, decoding.slices, decoding.anomalies, stream.size());
    }

    public static String hash(ByteString sliceHash) {
        return Base64.getEncoder().encodeToString(sliceHash.toByteArray());
    }

    private static final class Decoding {

        private final String streamId;
        private StreamState.Issuance issued;
        private final Map<String, RegistrySlice> slices = new LinkedHashMap<>();
        private final List<StreamState.Anomaly> anomalies = new ArrayList<>();

        Decoding(String streamId) {
            this.streamId = streamId;
        }

        void apply(int position, Transaction transaction) {
            String type = transaction.getHeader().getPayloadType();
            Optional<Message> event;
            try {
                event = ISSUED.equals(type) || SLICED.equals(type) || TRANSFERRED.equals(type)
                        || ALLOCATED.equals(type) || CLAIMED.equals(type)
                        ? StreamEvents.decode(transaction) : Optional.empty();
            } catch (InvalidProtocolBufferException e) {
                anomaly(position, transaction, "is not a readable " + type);
                return;
            }
            switch (event.orElse(null)) {
                case IssuedEvent issue -> issued(issue);
                case SlicedEvent slicing -> sliced(position, transaction, slicing);
                case TransferredEvent transfer -> transferred(position, transaction, transfer);
                case AllocatedEvent allocation -> allocated(position, transaction, allocation);
                case ClaimedEvent claim -> claimed(position, transaction, claim);
                case null, default -> anomaly(position, transaction,
                        "has payload type " + type + ", which Origin Relay does not read");
            }
        }

        private void issued(IssuedEvent issue) {
            issued = new StreamState.Issuance(type(issue.getType()), issue.getGridArea(),
                    instant(issue.getPeriod().getStart()), instant(issue.getPeriod().getEnd()));
            String hash = hash(ByteString.copyFrom(SliceHashes.of(issue.getQuantityCommitment())));
            slices.put(hash, new RegistrySlice(hash, issue.getOwnerPublicKey().getContent(), SliceState.AVAILABLE,
                    null));
        }

        private void sliced(int position, Transaction transaction, SlicedEvent slicing) {
            String source = hash(slicing.getSourceSliceHash());
            if (slices.remove(source) == null) {
                anomaly(position, transaction, "slices slice " + source + ", which the stream does not hold");
            }
            for (SlicedEvent.Slice created : slicing.getNewSlicesList()) {
                String hash = hash(ByteString.copyFrom(SliceHashes.of(created.getQuantity())));
                slices.put(hash, new RegistrySlice(hash, created.getNewOwner().getContent(), SliceState.AVAILABLE,
                        null));
            }
        }

        private void transferred(int position, Transaction transaction, TransferredEvent transfer) {
            String source = hash(transfer.getSourceSliceHash());
            RegistrySlice slice = slices.get(source);
            if (slice == null) {
                anomaly(position, transaction, "transfers slice " + source + ", which the stream does not hold");
                return;
            }
            slices.put(source, slice.ownedBy(transfer.getNewOwner().getContent()));
        }

        private void allocated(int position, Transaction transaction, AllocatedEvent allocation) {
            boolean productionSide = allocation.getProductionCertificateId().getStreamId().getValue().equals(streamId);
            String source = hash(productionSide
                    ? allocation.getProductionSourceSliceHash() : allocation.getConsumptionSourceSliceHash());
            RegistrySlice slice = slices.get(source);
            UUID allocationId = uuid(allocation.getAllocationId().getValue());
            if (slice == null || allocationId == null) {
                anomaly(position, transaction, "allocates slice " + source + ", which the stream does not hold");
                return;
            }
            slices.put(source, slice.allocated(allocationId));
        }

        private void claimed(int position, Transaction transaction, ClaimedEvent claim) {
            UUID allocationId = uuid(claim.getAllocationId().getValue());
            Optional<RegistrySlice> allocated = slices.values().stream()
                    .filter(slice -> slice.state() == SliceState.ALLOCATED && slice.allocationId().equals(allocationId))
                    .findFirst();
            if (allocated.isEmpty()) {
                anomaly(position, transaction, "claims allocation " + claim.getAllocationId().getValue()
                        + ", which holds no slice of the stream");
                return;
            }
            slices.put(allocated.get().sliceHash(), allocated.get().claimed());
        }

        private void anomaly(int position, Transaction transaction, String what) {
            anomalies.add(new StreamState.Anomaly(position, "registry transaction " + TransactionIds.of(transaction)
                    + " (number " + (position + 1) + " on the stream) " + what));
        }

        private static CertificateType type(GranularCertificateType type) {
            return switch (type) {
                case PRODUCTION -> CertificateType.PRODUCTION;
                case CONSUMPTION -> CertificateType.CONSUMPTION;
                default -> null;
            };
        }

        private static Instant instant(Timestamp timestamp) {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        }

        private static UUID uuid(String value) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException notAUuid) {
                return null;
            }
        }
    }
}
