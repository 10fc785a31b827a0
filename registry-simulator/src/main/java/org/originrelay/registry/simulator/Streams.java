package org.originrelay.registry.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * The streams of this registry, keyed by stream id. Not thread-safe: the ledger confines all access to
 * its lock.
 */
final class Streams {

    private final String registryName;
    private final Map<String, CertificateStream> streams = new HashMap<>();

    Streams(String registryName) {
        this.registryName = registryName;
    }

    String registryName() {
        return registryName;
    }

    boolean exists(String streamId) {
        return streams.containsKey(streamId);
    }

    CertificateStream require(String streamId) {
        CertificateStream stream = streams.get(streamId);
        if (stream == null) {
            throw new Rejection("stream " + streamId + " not found");
        }
        return stream;
    }

    void add(CertificateStream stream) {
        streams.put(stream.id(), stream);
    }

    /**
     * The stream another event refers to if this registry holds it (and then it must exist). A stream on
     * another registry cannot be seen from here, so checks that need it are skipped, as they would be
     * without a chronicler.
     */
    Optional<CertificateStream> ifLocal(FederatedStreamId id) {
        if (!registryName.equals(id.getRegistry())) {
            return Optional.empty();
        }
        return Optional.of(require(id.getStreamId().getValue()));
    }

    List<Transaction> committed(String streamId) {
        CertificateStream stream = streams.get(streamId);
        return stream == null ? List.of() : stream.committed();
    }
}
