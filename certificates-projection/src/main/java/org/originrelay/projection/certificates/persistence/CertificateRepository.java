package org.originrelay.projection.certificates.persistence;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CertificateRepository extends JpaRepository<CertificateEntity, UUID> {
}
