package org.originrelay.commandapi.commands.persistence;

import org.springframework.data.jpa.repository.JpaRepository;

public interface IdempotencyRecords extends JpaRepository<IdempotencyRecord, String> {
}
