package org.originrelay.registryconnector.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.originrelay.registry.protocol.CertificateSlice;
import org.originrelay.registry.protocol.NewSlice;
import org.originrelay.registry.protocol.OpenedHashCommitments;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** Builds streams as the connector's transactions make them (fast hash commitments). */
final class StreamFixture {

    static final String SECRET = "reconciliation-test-secret-0123456789";
    static final OwnerKeys KEYS = OwnerKeys.fromSecret(SECRET);
    static final OpenedHashCommitments COMMITMENTS = OpenedHashCommitments.fromSecret(SECRET);
    static final TransactionFactory FACTORY = new TransactionFactory("test-registry", KEYS, COMMITMENTS);
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-11-01T01:00:00Z");

    private StreamFixture() {
    }

    static Transaction issue(UUID certificateId, UUID sliceId, GranularCertificateType type, long quantity,
            String owner) {
        return FACTORY.issue(certificateId, sliceId, type, START, END, "DK1", quantity, owner);
    }

    static Transaction transfer(UUID certificateId, UUID sliceId, long quantity, String from, String to) {
        return FACTORY.transfer(certificateId, sliceId, quantity, from, to);
    }

    static Transaction slice(UUID certificateId, UUID sliceId, long quantity, String owner, List<NewSlice> parts) {
        return FACTORY.slice(certificateId, sliceId, quantity, owner, parts);
    }

    static List<Transaction> claim(UUID allocationId, CertificateSlice production, CertificateSlice consumption,
            String owner) {
        return FACTORY.claimTransactions(allocationId, production, consumption, owner);
    }

    static String hashOf(UUID sliceId, long quantity) {
        return StreamDecoder.hash(com.google.protobuf.ByteString.copyFrom(
                org.originrelay.registry.protocol.SliceHashes.ofContent(COMMITMENTS.content(quantity, sliceId))));
    }
}
