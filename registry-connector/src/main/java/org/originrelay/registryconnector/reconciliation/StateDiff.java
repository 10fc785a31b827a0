package org.originrelay.registryconnector.reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.originrelay.contracts.domain.SliceState;

/**
 * Compares what the connector last announced of a certificate with what its stream holds, slice by slice,
 * and says each difference in a plain sentence (for operators and the event's {@code differences}).
 */
public final class StateDiff {

    private StateDiff() {
    }

    /**
     * @param announced the state derived from what was announced
     * @param registry the state derived from the whole stream
     * @param reportAnomaliesFrom the registry's anomalies at this stream position or later are differences
     *        (earlier ones were reported when they were new)
     */
    public static List<String> differences(StreamState announced, StreamState registry, SliceNames names,
            int reportAnomaliesFrom) {
        List<String> differences = new ArrayList<>();
        if (registry.transactions() == 0 && announced.issued() != null) {
            differences.add("the registry holds no transaction of this certificate, though its issuance was announced");
        }
        Set<String> hashes = new LinkedHashSet<>(announced.slices().keySet());
        hashes.addAll(registry.slices().keySet());
        for (String hash : hashes) {
            RegistrySlice was = announced.slices().get(hash);
            RegistrySlice is = registry.slices().get(hash);
            String slice = names.describe(hash);
            if (is == null) {
                differences.add(slice + " was announced but the registry no longer holds it");
            } else if (was == null) {
                differences.add(slice + " is on the registry, " + describe(is, names) + ", but was never announced");
            } else {
                if (!was.ownerKey().equals(is.ownerKey())) {
                    differences.add(slice + " is owned by " + names.owner(is.ownerKey()) + " on the registry, not by "
                            + names.owner(was.ownerKey()));
                }
                if (was.state() != is.state() || !Objects.equals(was.allocationId(), is.allocationId())) {
                    differences.add(slice + " is " + state(is) + " on the registry, not " + state(was));
                }
            }
        }
        registry.anomalies().stream()
                .filter(anomaly -> anomaly.position() >= reportAnomaliesFrom)
                .forEach(anomaly -> differences.add(anomaly.description()));
        return differences;
    }

    private static String describe(RegistrySlice slice, SliceNames names) {
        return "owned by " + names.owner(slice.ownerKey()) + " and " + state(slice);
    }

    private static String state(RegistrySlice slice) {
        return slice.state() == SliceState.AVAILABLE ? "AVAILABLE"
                : slice.state() + " (allocation " + slice.allocationId() + ")";
    }
}
