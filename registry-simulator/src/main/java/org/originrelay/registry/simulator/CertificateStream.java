package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** One certificate's stream: its slices by hash, its allocations by id, and its committed transactions. */
final class CertificateStream {

    private final String id;
    private final GranularCertificateType type;
    private final Map<ByteString, Slice> slices = new HashMap<>();
    private final Map<String, Allocation> allocations = new HashMap<>();
    private final List<Transaction> committed = new ArrayList<>();

    CertificateStream(String id, GranularCertificateType type) {
        this.id = id;
        this.type = type;
    }

    String id() {
        return id;
    }

    GranularCertificateType type() {
        return type;
    }

    Optional<Slice> slice(ByteString hash) {
        return Optional.ofNullable(slices.get(hash));
    }

    /** The slice with this hash if it may still be used; otherwise why not. */
    Slice availableSlice(ByteString hash, String role) {
        Slice slice = slice(hash).orElseThrow(() -> new Rejection(role + " not found on stream " + id));
        if (slice.state() != SliceState.AVAILABLE) {
            throw new Rejection(role + " on stream " + id + " is " + slice.state().describe());
        }
        return slice;
    }

    void putSlice(ByteString hash, Slice slice) {
        slices.put(hash, slice);
    }

    Optional<Allocation> allocation(String allocationId) {
        return Optional.ofNullable(allocations.get(allocationId));
    }

    void putAllocation(String allocationId, Allocation allocation) {
        allocations.put(allocationId, allocation);
    }

    void append(Transaction transaction) {
        committed.add(transaction);
    }

    List<Transaction> committed() {
        return List.copyOf(committed);
    }
}
