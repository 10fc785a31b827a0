package org.originrelay.projection.certificates.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SliceRepository extends JpaRepository<SliceEntity, UUID> {

    List<SliceEntity> findByOwnerOrderByCertificateIdAscSliceIdAsc(String owner);
}
