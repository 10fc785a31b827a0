package org.originrelay.registryconnector.reconciliation;

import com.google.protobuf.ByteString;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts Origin Relay's names on what a stream holds: slice hashes back to the slice ids (and quantities)
 * the connector committed, owner keys back to the owner ids they were derived from. A key derived from no
 * known owner is shown as {@code external:<base64url of the key, no padding>}.
 */
public final class SliceNames {

    public static final String EXTERNAL_PREFIX = "external:";

    private final Map<String, KnownSlice> slicesByHash = new HashMap<>();
    private final Map<ByteString, String> ownersByKey = new HashMap<>();

    /** A slice Origin Relay committed: its id and the quantity it committed for it. */
    public record KnownSlice(UUID sliceId, long quantity) {
    }

    public SliceNames slice(String sliceHash, UUID sliceId, long quantity) {
        slicesByHash.put(sliceHash, new KnownSlice(sliceId, quantity));
        return this;
    }

    public SliceNames owner(ByteString publicKey, String ownerId) {
        ownersByKey.put(publicKey, ownerId);
        return this;
    }

    public Optional<KnownSlice> slice(String sliceHash) {
        return Optional.ofNullable(slicesByHash.get(sliceHash));
    }

    public String owner(ByteString publicKey) {
        String known = ownersByKey.get(publicKey);
        return known != null ? known
                : EXTERNAL_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey.toByteArray());
    }

    /** How a slice is named in a sentence: its id, or its hash when Origin Relay never made it. */
    public String describe(String sliceHash) {
        return slice(sliceHash).map(known -> "slice " + known.sliceId())
                .orElse("slice with hash " + sliceHash + " (not made by Origin Relay)");
    }
}
