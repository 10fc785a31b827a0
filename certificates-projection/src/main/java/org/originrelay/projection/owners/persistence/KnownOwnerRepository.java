package org.originrelay.projection.owners.persistence;

import org.springframework.data.jpa.repository.JpaRepository;

public interface KnownOwnerRepository extends JpaRepository<KnownOwnerEntity, String> {
}
