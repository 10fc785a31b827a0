package org.originrelay.projection.certificates.persistence;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface CertificateRepository extends JpaRepository<CertificateEntity, UUID> {

    /**
     * The certificate with its row locked ({@code select … for update}) until the transaction ends: every
     * change of its slices takes this before reading them (ADR 0008).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select certificate from CertificateEntity certificate where certificate.certificateId = :certificateId")
    Optional<CertificateEntity> lockAndFind(UUID certificateId);
}
