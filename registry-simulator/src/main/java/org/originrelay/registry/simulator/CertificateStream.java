package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.originrelay.registry.protocol.v1.electricity.Attribute;
import org.originrelay.registry.protocol.v1.electricity.DateInterval;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * One certificate's stream: what its issuance fixed (type, period, grid area, attributes), whether it is
 * withdrawn, its slices by hash, its allocations by id, and its committed transactions.
 */
final class CertificateStream {

    private final String id;
    private final IssuedEvent issued;
    private final Map<ByteString, Slice> slices = new HashMap<>();
    private final Map<String, Allocation> allocations = new HashMap<>();
    private final List<Transaction> committed = new ArrayList<>();
    private boolean withdrawn;

    CertificateStream(String id, IssuedEvent issued) {
        this.id = id;
        this.issued = issued;
    }

    String id() {
        return id;
    }

    GranularCertificateType type() {
        return issued.getType();
    }

    DateInterval period() {
        return issued.getPeriod();
    }

    String gridArea() {
        return issued.getGridArea();
    }

    /**
     * The value of an issuance attribute, its key compared ignoring case, as the verifier's
     * {@code GetAttribute} reads it; empty when absent.
     */
    Optional<String> attribute(String key) {
        List<String> values = issued.getAttributesList().stream()
                .filter(attribute -> attribute.getKey().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)))
                .map(Attribute::getValue)
                .toList();
        if (values.size() > 1) {
            throw new Rejection("certificate " + id + " has attribute '" + key + "' more than once");
        }
        return values.stream().findFirst();
    }

    boolean withdrawn() {
        return withdrawn;
    }

    void withdraw() {
        withdrawn = true;
    }

    Optional<Slice> slice(ByteString hash) {
        return Optional.ofNullable(slices.get(hash));
    }

    /** The slice with this hash if it may still be used (the verifier knows only those), else the message. */
    Slice availableSlice(ByteString hash, String notFoundMessage) {
        return slice(hash)
                .filter(slice -> slice.state() == SliceState.AVAILABLE)
                .orElseThrow(() -> new Rejection(notFoundMessage));
    }

    void putSlice(ByteString hash, Slice slice) {
        slices.put(hash, slice);
    }

    Optional<Allocation> allocation(String allocationId) {
        return Optional.ofNullable(allocations.get(allocationId));
    }

    /** The allocation if its slice is allocated and not yet claimed (the verifier's {@code GetAllocation}). */
    Optional<Allocation> openAllocation(String allocationId) {
        return allocation(allocationId).filter(allocation -> sliceState(allocation) == SliceState.ALLOCATED);
    }

    /** The allocation if its slice is claimed (the verifier's {@code GetClaim}). */
    Optional<Allocation> claim(String allocationId) {
        return allocation(allocationId).filter(allocation -> sliceState(allocation) == SliceState.CLAIMED);
    }

    void putAllocation(String allocationId, Allocation allocation) {
        allocations.put(allocationId, allocation);
    }

    void removeAllocation(String allocationId) {
        allocations.remove(allocationId);
    }

    void append(Transaction transaction) {
        committed.add(transaction);
    }

    List<Transaction> committed() {
        return List.copyOf(committed);
    }

    private SliceState sliceState(Allocation allocation) {
        return slice(allocation.sliceHash()).orElseThrow().state();
    }
}
