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

    /** The certificate, else "Certificate does not exist" as the verifier answers. */
    CertificateStream require(String streamId) {
        CertificateStream stream = streams.get(streamId);
        if (stream == null) {
            throw new Rejection(Checks.CERTIFICATE_NOT_FOUND);
        }
        return stream;
    }

    void add(CertificateStream stream) {
        streams.put(stream.id(), stream);
    }

    /**
     * The certificate another event refers to if this registry holds it; when it should be here but is
     * not, a rejection with {@code missingMessage}. The real verifier loads a certificate of another
     * registry from that registry; this simulator cannot, so checks that need it are skipped.
     */
    Optional<CertificateStream> counterpart(FederatedStreamId id, String missingMessage) {
        if (!registryName.equals(id.getRegistry())) {
            return Optional.empty();
        }
        CertificateStream stream = streams.get(id.getStreamId().getValue());
        if (stream == null) {
            throw new Rejection(missingMessage);
        }
        return Optional.of(stream);
    }

    List<Transaction> committed(String streamId) {
        CertificateStream stream = streams.get(streamId);
        return stream == null ? List.of() : stream.committed();
    }
}
