package org.originrelay.contracts.events;

import java.time.Instant;
import java.util.UUID;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.IssueCertificate;

import static org.originrelay.contracts.events.Require.notBlank;
import static org.originrelay.contracts.events.Require.present;

/** The stages of {@code issue-certificate}: every stage carries the whole certificate to issue. */
public sealed interface IssueCertificateEvent extends CertificateEvent {

    UUID certificateId();

    UUID sliceId();

    CertificateType type();

    String gridArea();

    Instant start();

    Instant end();

    long quantity();

    String owner();

    /** The certificate to issue, as the domain rules take it. */
    default IssueCertificate issueCommand() {
        return new IssueCertificate(certificateId(), sliceId(), type(), gridArea(), start(), end(), quantity(), owner());
    }

    record IssueCertificateRequested(UUID commandId, UUID certificateId, UUID sliceId, CertificateType type,
            String gridArea, Instant start, Instant end, long quantity, String owner, String requestedBy)
            implements IssueCertificateEvent {
        public IssueCertificateRequested {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            present(type, "type");
            present(start, "start");
            present(end, "end");
            notBlank(gridArea, "gridArea");
            notBlank(owner, "owner");
        }

        public IssueCertificateValidated validated() {
            return new IssueCertificateValidated(commandId, certificateId, sliceId, type, gridArea, start, end,
                    quantity, owner, requestedBy);
        }

        public IssueCertificateRejected rejected(String reason) {
            return new IssueCertificateRejected(commandId, certificateId, sliceId, type, gridArea, start, end,
                    quantity, owner, requestedBy, reason);
        }
    }

    record IssueCertificateValidated(UUID commandId, UUID certificateId, UUID sliceId, CertificateType type,
            String gridArea, Instant start, Instant end, long quantity, String owner, String requestedBy)
            implements IssueCertificateEvent {
        public IssueCertificateValidated {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            present(type, "type");
            present(start, "start");
            present(end, "end");
            notBlank(gridArea, "gridArea");
            notBlank(owner, "owner");
        }

        public IssueCertificateRegistryAccepted registryAccepted() {
            return new IssueCertificateRegistryAccepted(commandId, certificateId, sliceId, type, gridArea, start,
                    end, quantity, owner, requestedBy);
        }

        public IssueCertificateRegistryRejected registryRejected(String reason) {
            return new IssueCertificateRegistryRejected(commandId, certificateId, sliceId, type, gridArea, start,
                    end, quantity, owner, requestedBy, reason);
        }
    }

    record IssueCertificateRejected(UUID commandId, UUID certificateId, UUID sliceId, CertificateType type,
            String gridArea, Instant start, Instant end, long quantity, String owner, String requestedBy,
            String reason) implements IssueCertificateEvent, Rejection {
        public IssueCertificateRejected {
            present(commandId, "commandId");
            notBlank(reason, "reason");
        }
    }

    record IssueCertificateRegistryAccepted(UUID commandId, UUID certificateId, UUID sliceId, CertificateType type,
            String gridArea, Instant start, Instant end, long quantity, String owner, String requestedBy)
            implements IssueCertificateEvent {
        public IssueCertificateRegistryAccepted {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            present(sliceId, "sliceId");
            present(type, "type");
            present(start, "start");
            present(end, "end");
            notBlank(gridArea, "gridArea");
            notBlank(owner, "owner");
        }
    }

    record IssueCertificateRegistryRejected(UUID commandId, UUID certificateId, UUID sliceId, CertificateType type,
            String gridArea, Instant start, Instant end, long quantity, String owner, String requestedBy,
            String reason) implements IssueCertificateEvent, Rejection {
        public IssueCertificateRegistryRejected {
            present(commandId, "commandId");
            present(certificateId, "certificateId");
            notBlank(reason, "reason");
        }
    }
}
